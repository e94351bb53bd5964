package dev.plugboard.storage;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;

/**
 * Runs MinIO SDK calls and translates their failures into {@link StorageException}s.
 */
final class S3Calls {

	private S3Calls() {
	}

	static <T> T call(String action, String key, Call<T> call) {
		try {
			return call.call();
		}
		catch (MinioException | CompletionException | IllegalStateException | UncheckedIOException ex) {
			// The SDK reports failures that are not its own (I/O, interrupted threads)
			// as IllegalStateException or CompletionException.
			throw translate(action, key, ex);
		}
	}

	static void run(String action, String key, VoidCall call) {
		call(action, key, () -> {
			call.call();
			return null;
		});
	}

	static StorageException translate(String action, String key, Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (isNotFound(cause)) {
			return new BlobNotFoundException(key, cause);
		}
		return new StorageException(action + " failed for " + key + ": " + cause.getMessage(), cause);
	}

	static boolean isNotFound(Throwable ex) {
		return ex instanceof ErrorResponseException response && response.errorResponse() != null
				&& "NoSuchKey".equals(response.errorResponse().code());
	}

	static boolean hasCode(Throwable ex, String code) {
		return ex instanceof ErrorResponseException response && response.errorResponse() != null
				&& code.equals(response.errorResponse().code());
	}

	@FunctionalInterface
	interface Call<T> {

		T call() throws MinioException;

	}

	@FunctionalInterface
	interface VoidCall {

		void call() throws MinioException;

	}

}
