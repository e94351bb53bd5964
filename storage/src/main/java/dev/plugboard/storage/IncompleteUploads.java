package dev.plugboard.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.minio.AbortMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MinioAsyncClient;
import io.minio.messages.ListMultipartUploadsResult;

/**
 * Aborts multipart uploads that were never completed. Their parts are invisible to object
 * listings yet occupy space until aborted, so a crash mid-upload would otherwise leak
 * storage for good.
 */
final class IncompleteUploads {

	private final MinioAsyncClient client;

	private final String bucket;

	IncompleteUploads(MinioAsyncClient client, String bucket) {
		this.client = client;
		this.bucket = bucket;
	}

	/**
	 * Aborts every incomplete upload of exactly this key.
	 */
	int abort(String key) {
		return abort(key, (upload) -> key.equals(upload.objectName()));
	}

	/**
	 * Aborts incomplete uploads under a prefix started before a cut-off.
	 */
	int abortStarted(String prefix, Instant before) {
		return abort(prefix, (upload) -> upload.initiated() == null || upload.initiated().toInstant().isBefore(before));
	}

	private int abort(String prefix, Predicate<ListMultipartUploadsResult.Upload> filter) {
		int aborted = 0;
		for (ListMultipartUploadsResult.Upload upload : list(prefix)) {
			if (filter.test(upload)) {
				S3Calls
					.call("Aborting multipart upload", upload.objectName(),
							() -> this.client.abortMultipartUpload(AbortMultipartUploadArgs.builder()
								.bucket(this.bucket)
								.object(upload.objectName())
								.uploadId(upload.uploadId())
								.build()).join());
				aborted++;
			}
		}
		return aborted;
	}

	private List<ListMultipartUploadsResult.Upload> list(String prefix) {
		List<ListMultipartUploadsResult.Upload> uploads = new ArrayList<>();
		String keyMarker = null;
		String uploadIdMarker = null;
		ListMultipartUploadsResult page;
		do {
			ListMultipartUploadsArgs args = ListMultipartUploadsArgs.builder()
				.bucket(this.bucket)
				.prefix(prefix)
				.keyMarker(keyMarker)
				.uploadIdMarker(uploadIdMarker)
				.build();
			page = S3Calls.call("Listing multipart uploads", prefix,
					() -> this.client.listMultipartUploads(args).join().result());
			if (page.uploads() != null) {
				uploads.addAll(page.uploads());
			}
			keyMarker = page.nextKeyMarker();
			uploadIdMarker = page.nextUploadIdMarker();
		}
		while (page.isTruncated() && keyMarker != null);
		return uploads;
	}

}
