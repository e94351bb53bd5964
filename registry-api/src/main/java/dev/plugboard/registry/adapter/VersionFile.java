package dev.plugboard.registry.adapter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One file of a version: held in our object storage by sha256, or external. */
@Entity
@Table(name = "version_files")
public class VersionFile {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "version_id", nullable = false, updatable = false)
	private Long versionId;

	@Column(nullable = false, updatable = false)
	private String path;

	@Column(nullable = false, updatable = false)
	private long size;

	@Column(nullable = false, updatable = false)
	private String sha256;

	@Column(name = "media_type", nullable = false, updatable = false)
	private String mediaType;

	@Column(name = "blob_key", updatable = false)
	private String blobKey;

	@Column(name = "external_url", updatable = false)
	private String externalUrl;

	@Column(nullable = false, insertable = false, updatable = false)
	private long downloads;

	protected VersionFile() {
	}

	VersionFile(AdapterVersion version, String path, long size, String sha256, String mediaType, String blobKey) {
		this.versionId = version.getId();
		this.path = path;
		this.size = size;
		this.sha256 = sha256;
		this.mediaType = mediaType;
		this.blobKey = blobKey;
	}

	public Long getId() {
		return this.id;
	}

	public Long getVersionId() {
		return this.versionId;
	}

	public String getPath() {
		return this.path;
	}

	public long getSize() {
		return this.size;
	}

	public String getSha256() {
		return this.sha256;
	}

	public String getMediaType() {
		return this.mediaType;
	}

	public String getBlobKey() {
		return this.blobKey;
	}

	public String getExternalUrl() {
		return this.externalUrl;
	}

	public boolean isExternal() {
		return this.externalUrl != null;
	}

	public long getDownloads() {
		return this.downloads;
	}

}
