package dev.plugboard.registry.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one publish may carry.
 *
 * @param maxFileSize largest single file
 * @param maxVersionSize all files of a version together (also the uncompressed size of a
 * bundle, which stops zip bombs)
 * @param maxFiles files in a version (also entries in a bundle)
 */
@ConfigurationProperties("plugboard.upload")
public record UploadProperties(@DefaultValue("10GB") DataSize maxFileSize,
		@DefaultValue("20GB") DataSize maxVersionSize, @DefaultValue("1000") int maxFiles) {
}
