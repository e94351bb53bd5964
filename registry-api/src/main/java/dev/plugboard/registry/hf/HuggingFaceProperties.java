package dev.plugboard.registry.hf;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the Hugging Face API.
 *
 * @param regularFileLimit files up to this size are sent inline in the commit (preupload
 * answers {@code regular}); larger ones go through the LFS batch endpoint. Inline files
 * are held in memory while a commit is read, so this bounds memory per commit file;
 * adapters are mostly far below it, and {@code regular} is the one mode every client
 * version speaks (huggingface_hub ≥ 1.20 uploads LFS files only over Xet unless
 * {@code HF_HUB_DISABLE_XET=1})
 * @param uploadUrlTtl how long the signed LFS upload URLs stay valid
 * @param uploadSigningKey the key that signs LFS upload URLs; unset means a random key
 * per process (set one shared key when several hub replicas serve one hostname)
 */
@ConfigurationProperties("plugboard.hf")
public record HuggingFaceProperties(@DefaultValue("50MB") DataSize regularFileLimit,
		@DefaultValue("1h") Duration uploadUrlTtl, String uploadSigningKey) {
}
