package dev.plugboard.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The behaviour every {@link BlobStore} must show. Subclasses provide the store; tests do
 * not assume it is empty, so one store may be shared by all tests.
 */
public abstract class BlobStoreContractTests {

	/** More than two parts at the default part size of 16 MiB. */
	protected static final int LARGE_SIZE = 40 * 1024 * 1024;

	private static final HttpClient http = HttpClient.newHttpClient();

	private BlobStore store;

	/**
	 * Returns the store under test. Called before each test.
	 * @return the store
	 */
	protected abstract BlobStore blobStore();

	@BeforeEach
	void obtainStore() {
		this.store = blobStore();
	}

	@Test
	void stagedBlobCarriesSha256AndSizeOfTheContent() {
		byte[] content = randomBytes(100_000, 1);

		StagedBlob staged = this.store.stage(new ByteArrayInputStream(content), content.length);

		assertThat(staged.key()).startsWith("staging/");
		assertThat(staged.sha256()).isEqualTo(sha256(content));
		assertThat(staged.size()).isEqualTo(content.length);
		assertThat(this.store.stat(staged.key())).hasValueSatisfying((info) -> {
			assertThat(info.size()).isEqualTo(content.length);
			assertThat(info.lastModified()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
		});
	}

	@Test
	void promoteMovesStagedContentToItsContentAddress() throws IOException {
		byte[] content = randomBytes(100_000, 2);
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(content), content.length);

		String key = this.store.promote(staged);

		assertThat(key).isEqualTo(BlobStore.contentKey(sha256(content)));
		assertThat(readAll(key)).isEqualTo(content);
		assertThat(this.store.stat(key))
			.hasValueSatisfying((info) -> assertThat(info.size()).isEqualTo(content.length));
		assertThat(this.store.stat(staged.key())).isEmpty();
	}

	@Test
	void emptyContentRoundTrips() throws IOException {
		StagedBlob staged = this.store.stage(InputStream.nullInputStream(), 0);

		String key = this.store.promote(staged);

		assertThat(staged.size()).isZero();
		assertThat(staged.sha256()).isEqualTo(sha256(new byte[0]));
		assertThat(readAll(key)).isEmpty();
	}

	@Test
	void contentLargerThanOnePartRoundTrips() throws IOException {
		byte[] content = randomBytes(LARGE_SIZE, 3);
		String expectedSha256 = sha256(content);

		StagedBlob staged = this.store.stage(new ByteArrayInputStream(content), LARGE_SIZE);
		String key = this.store.promote(staged);

		assertThat(staged.sha256()).isEqualTo(expectedSha256);
		assertThat(staged.size()).isEqualTo(LARGE_SIZE);
		try (InputStream in = this.store.read(key, 0, -1)) {
			assertThat(sha256(in)).isEqualTo(expectedSha256);
		}
	}

	@Test
	void promoteIsIdempotentForIdenticalContentStagedTwice() {
		byte[] content = randomBytes(10_000, 4);
		StagedBlob first = this.store.stage(new ByteArrayInputStream(content), content.length);
		StagedBlob second = this.store.stage(new ByteArrayInputStream(content), content.length);

		String firstKey = this.store.promote(first);
		String secondKey = this.store.promote(second);
		String again = this.store.promote(first);

		assertThat(first.key()).isNotEqualTo(second.key());
		assertThat(secondKey).isEqualTo(firstKey).isEqualTo(again);
		assertThat(this.store.list(firstKey)).singleElement()
			.satisfies((info) -> assertThat(info.size()).isEqualTo(content.length));
		assertThat(this.store.stat(first.key())).isEmpty();
		assertThat(this.store.stat(second.key())).isEmpty();
	}

	@Test
	void promoteOfABlobThatIsGoneThrowsBlobNotFound() {
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(randomBytes(1000, 5)), 1000);
		this.store.discard(staged);

		assertThatExceptionOfType(BlobNotFoundException.class).isThrownBy(() -> this.store.promote(staged));
	}

	@Test
	void readReturnsTheRequestedByteRange() throws IOException {
		byte[] content = randomBytes(10_000, 6);
		String key = stageAndPromote(content);

		assertThat(read(key, 100, 50)).isEqualTo(Arrays.copyOfRange(content, 100, 150));
		assertThat(read(key, 9_000, -1)).isEqualTo(Arrays.copyOfRange(content, 9_000, 10_000));
		assertThat(read(key, 0, -1)).isEqualTo(content);
		assertThat(read(key, 0, 1)).containsExactly(content[0]);
		assertThat(read(key, 9_999, 1)).containsExactly(content[9_999]);
		assertThat(read(key, 10, 0)).isEmpty();
	}

	@Test
	void statOfMissingKeyIsEmpty() {
		assertThat(this.store.stat(BlobStore.contentKey(sha256(randomBytes(10, 7))))).isEmpty();
	}

	@Test
	void readOfMissingKeyThrowsBlobNotFound() {
		String missing = BlobStore.contentKey(sha256(randomBytes(10, 8)));

		assertThatExceptionOfType(BlobNotFoundException.class).isThrownBy(() -> this.store.read(missing, 0, -1));
		assertThatExceptionOfType(BlobNotFoundException.class).isThrownBy(() -> this.store.read(missing, 5, 10));
	}

	@Test
	void stageAcceptsContentOfExactlyMaxBytes() {
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(randomBytes(1000, 9)), 1000);

		assertThat(staged.size()).isEqualTo(1000);
	}

	@Test
	void stageOverMaxBytesThrowsAndKeepsNothing() {
		List<BlobInfo> stagingBefore = this.store.list("staging/");

		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> this.store.stage(new ByteArrayInputStream(randomBytes(1001, 10)), 1000))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(1000));
		assertThat(this.store.list("staging/")).isEqualTo(stagingBefore);
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void stageStopsReadingAnEndlessStreamOnceMaxBytesIsPassed() {
		List<BlobInfo> stagingBefore = this.store.list("staging/");
		long maxBytes = 20L * 1024 * 1024;

		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> this.store.stage(new EndlessInputStream(), maxBytes))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(maxBytes));
		assertThat(this.store.list("staging/")).isEqualTo(stagingBefore);
	}

	@Test
	void discardRemovesTheStagingObjectAndToleratesRepeats() {
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(randomBytes(1000, 11)), 1000);

		this.store.discard(staged);

		assertThat(this.store.stat(staged.key())).isEmpty();
		assertThatNoException().isThrownBy(() -> this.store.discard(staged));
	}

	@Test
	void deleteRemovesTheObjectAndToleratesMissingKeys() {
		String key = stageAndPromote(randomBytes(1000, 12));

		this.store.delete(key);

		assertThat(this.store.stat(key)).isEmpty();
		assertThatNoException().isThrownBy(() -> this.store.delete(key));
	}

	@Test
	void listReturnsObjectsUnderThePrefixAtAnyDepth() {
		byte[] content = randomBytes(1234, 13);
		String key = stageAndPromote(content);
		String other = stageAndPromote(randomBytes(10, 14));
		String sha256 = sha256(content);

		List<BlobInfo> underFirstLevel = this.store.list("blobs/sha256/" + sha256.substring(0, 2) + "/");
		List<BlobInfo> all = this.store.list("blobs/");

		assertThat(underFirstLevel).extracting(BlobInfo::key).contains(key).allMatch((k) -> !k.equals(other));
		assertThat(underFirstLevel).filteredOn((info) -> info.key().equals(key))
			.singleElement()
			.satisfies((info) -> assertThat(info.size()).isEqualTo(1234));
		assertThat(all).extracting(BlobInfo::key).contains(key, other).allMatch((k) -> k.startsWith("blobs/"));
		assertThat(this.store.list("blobs/sha256/zz/")).isEmpty();
	}

	@Test
	void sweepStagingRemovesOnlyStagingObjectsOlderThanTheCutOff() {
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(randomBytes(1000, 15)), 1000);
		String promoted = stageAndPromote(randomBytes(1000, 16));

		int removedOld = this.store.sweepStaging(Instant.now().minus(Duration.ofHours(1)));

		assertThat(removedOld).isZero();
		assertThat(this.store.stat(staged.key())).isPresent();

		int stagingObjects = this.store.list("staging/").size();
		int removedAll = this.store.sweepStaging(Instant.now().plus(Duration.ofMinutes(1)));

		assertThat(removedAll).isEqualTo(stagingObjects).isPositive();
		assertThat(this.store.stat(staged.key())).isEmpty();
		assertThat(this.store.list("staging/")).isEmpty();
		assertThat(this.store.stat(promoted)).isPresent();
	}

	@Test
	void presignedGetServesTheContentAndHonoursRanges() throws Exception {
		byte[] content = randomBytes(5000, 17);
		String key = stageAndPromote(content);
		URI url = this.store.presignedGet(key, Duration.ofMinutes(5), null);

		HttpResponse<byte[]> whole = get(url, null);
		HttpResponse<byte[]> range = get(url, "bytes=10-19");

		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.body()).isEqualTo(content);
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 10, 20));
	}

	@Test
	void presignedGetWithDownloadNameServesAnAttachment() throws Exception {
		byte[] content = randomBytes(100, 18);
		String key = stageAndPromote(content);

		HttpResponse<byte[]> response = get(
				this.store.presignedGet(key, Duration.ofMinutes(5), "adapter v1.safetensors"), null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(content);
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).startsWith("attachment").contains("adapter v1.safetensors"));
	}

	@Test
	void presignedGetWithATamperedSignatureIsRefused() throws Exception {
		String key = stageAndPromote(randomBytes(100, 19));
		String url = this.store.presignedGet(key, Duration.ofMinutes(5), null).toString();
		Matcher signature = Pattern.compile("(?i)(signature=)([0-9a-f])").matcher(url);
		assertThat(signature.find()).as("signature parameter in %s", url).isTrue();
		char flipped = (signature.group(2).charAt(0) == '0') ? '1' : '0';
		URI tampered = URI.create(url.substring(0, signature.start(2)) + flipped + url.substring(signature.end(2)));

		assertThat(get(tampered, null).statusCode()).isEqualTo(403);
	}

	@Test
	void presignedGetRejectsAnUnusableTtl() {
		String key = stageAndPromote(randomBytes(10, 20));

		assertThatIllegalArgumentException().isThrownBy(() -> this.store.presignedGet(key, Duration.ZERO, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.presignedGet(key, Duration.ofDays(8), null));
	}

	/**
	 * Stages and promotes content.
	 * @param content the bytes to store
	 * @return the content key
	 */
	protected String stageAndPromote(byte[] content) {
		return this.store.promote(this.store.stage(new ByteArrayInputStream(content), content.length));
	}

	/**
	 * Returns reproducible pseudo-random bytes.
	 * @param size how many
	 * @param seed distinguishes contents
	 * @return the bytes
	 */
	protected static byte[] randomBytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/**
	 * Computes a SHA-256 as lowercase hex.
	 * @param bytes the content
	 * @return the digest
	 */
	protected static String sha256(byte[] bytes) {
		return HexFormat.of().formatHex(newSha256().digest(bytes));
	}

	private static String sha256(InputStream in) throws IOException {
		MessageDigest digest = newSha256();
		try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
			digesting.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] readAll(String key) throws IOException {
		return read(key, 0, -1);
	}

	private byte[] read(String key, long offset, long length) throws IOException {
		try (InputStream in = this.store.read(key, offset, length)) {
			return in.readAllBytes();
		}
	}

	private static HttpResponse<byte[]> get(URI url, String range) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET();
		if (range != null) {
			request.header("Range", range);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * Never ends, so a store that reads to the end before checking the size hangs.
	 */
	private static final class EndlessInputStream extends InputStream {

		@Override
		public int read() {
			return 7;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			Arrays.fill(buffer, offset, offset + length, (byte) 7);
			return length;
		}

	}

}
