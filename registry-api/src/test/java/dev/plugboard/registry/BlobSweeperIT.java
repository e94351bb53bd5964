package dev.plugboard.registry;

import java.io.ByteArrayInputStream;
import java.time.Instant;

import dev.plugboard.registry.adapter.BlobSweeper;
import dev.plugboard.storage.BlobStore;
import dev.plugboard.storage.StagedBlob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** What a crash leaves in storage is removed; what versions use is kept. */
class BlobSweeperIT extends HubTestSupport {

	@Autowired
	BlobSweeper sweeper;

	@Test
	void removesLeftoversButKeepsReferencedBlobs() {
		String ns = uniqueNamespace("sweep");
		createAdapter(ns, "a", null);
		this.hub.publish("/api/v1/adapters/" + ns + "/a/versions/1", adminToken(), AdapterFixtures.lora(9f));
		int referenced = this.blobs.list("blobs/").size();

		// A crash after staging, and a crash after the move but before the commit.
		this.blobs.stage(new ByteArrayInputStream("half an upload".getBytes()), 1024);
		StagedBlob orphan = this.blobs.stage(new ByteArrayInputStream("never committed".getBytes()), 1024);
		String orphanKey = this.blobs.promote(orphan);

		assertThat(this.sweeper.sweep(Instant.now().minusSeconds(3600))).as("young objects are left alone").isZero();
		assertThat(this.sweeper.sweep(Instant.now().plusSeconds(60))).isEqualTo(2);
		assertThat(this.blobs.list("staging/")).isEmpty();
		assertThat(this.blobs.stat(orphanKey)).isEmpty();
		assertThat(this.blobs.list("blobs/")).hasSize(referenced);
		assertThat(this.hub.get("/api/v1/adapters/" + ns + "/a/versions/1/files/adapter_model.safetensors").status())
			.isEqualTo(200);
		assertThat(BlobStore.contentKey(orphan.sha256())).isEqualTo(orphanKey);
	}

}
