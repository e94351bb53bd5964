package dev.plugboard.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BlobStoreKeysTests {

	private static final String SHA256 = "ab" + "cd" + "0123456789abcdef".repeat(3) + "0123456789ab";

	@Test
	void contentKeyFansOutByTheFirstTwoBytesOfTheDigest() {
		assertThat(BlobStore.contentKey(SHA256)).isEqualTo("blobs/sha256/ab/cd/" + SHA256);
	}

	@Test
	void contentKeyRejectsAnythingButLowercaseHexSha256() {
		assertThatIllegalArgumentException().isThrownBy(() -> BlobStore.contentKey(SHA256.toUpperCase()));
		assertThatIllegalArgumentException().isThrownBy(() -> BlobStore.contentKey(SHA256.substring(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> BlobStore.contentKey("../" + SHA256.substring(3)));
		assertThatIllegalArgumentException().isThrownBy(() -> BlobStore.contentKey(null));
	}

	@Test
	void stagedBlobMustLiveUnderStaging() {
		assertThat(new StagedBlob("staging/x", SHA256, 1).key()).isEqualTo("staging/x");
		assertThatIllegalArgumentException().isThrownBy(() -> new StagedBlob(BlobStore.contentKey(SHA256), SHA256, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new StagedBlob("staging/", SHA256, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new StagedBlob("staging/x", SHA256, -1));
	}

}
