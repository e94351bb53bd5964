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

	/** Null for external files whose size the catalog did not say. */
	@Column(updatable = false)
	private Long size;

	@Column(nullable = false, updatable = false)
	private String sha256;

	@Column(name = "media_type", nullable = false, updatable = false)
	private String mediaType;

	@Column(name = "blob_key", updatable = false)
	private String blobKey;

	@Column(name = "external_url", updatable = false)
	private String externalUrl;

	@Column(updatable = false)
	private String sha1;

	@Column(name = "converted_from", updatable = false)
	private String convertedFrom;

	@Column(nullable = false, insertable = false, updatable = false)
	private long downloads;

	protected VersionFile() {
	}

	static VersionFile stored(AdapterVersion version, String path, long size, String sha256, String blobKey,
			String convertedFrom) {
		VersionFile file = new VersionFile(version, path, sha256);
		file.size = size;
		file.blobKey = blobKey;
		file.convertedFrom = convertedFrom;
		return file;
	}

	static VersionFile external(AdapterVersion version, ExternalFile external) {
		VersionFile file = new VersionFile(version, external.path(), external.sha256());
		file.size = external.size();
		file.externalUrl = external.url();
		file.sha1 = external.sha1();
		return file;
	}

	private VersionFile(AdapterVersion version, String path, String sha256) {
		this.versionId = version.getId();
		this.path = path;
		this.sha256 = sha256;
		this.mediaType = MediaTypes.of(path);
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

	/** Null for an external file of unknown size. */
	public Long getSize() {
		return this.size;
	}

	public String getSha1() {
		return this.sha1;
	}

	/** The pickle file this safetensors file was converted from, or null. */
	public String getConvertedFrom() {
		return this.convertedFrom;
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
