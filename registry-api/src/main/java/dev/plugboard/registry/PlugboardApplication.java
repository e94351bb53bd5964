package dev.plugboard.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Plugboard hub. With no configuration it starts an embedded PostgreSQL and an
 * in-process S3 server under {@code ./data}; set {@code spring.datasource.*} and
 * {@code plugboard.storage.s3.*} to use external ones.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlugboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlugboardApplication.class, args);
	}

}
