package dev.plugboard.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server (S3Proxy) that keeps its buckets as directories under a local
 * directory, for installations without an external object store. Data written through one
 * instance is visible to the next one started on the same directory.
 */
public final class EmbeddedS3Server implements AutoCloseable {

	private static final long START_TIMEOUT_MILLIS = 10_000;

	private final S3Proxy proxy;

	private final URI endpoint;

	private final String accessKey;

	private final String secretKey;

	private volatile boolean closed;

	private EmbeddedS3Server(S3Proxy proxy, URI endpoint, String accessKey, String secretKey) {
		this.proxy = proxy;
		this.endpoint = endpoint;
		this.accessKey = accessKey;
		this.secretKey = secretKey;
	}

	/**
	 * Starts a server and returns once it accepts requests.
	 * @param directory where buckets are stored; created if missing
	 * @param host the address to listen on, such as {@code 127.0.0.1}
	 * @param port the port to listen on, or {@code 0} for any free port
	 * @param accessKey the only access key the server accepts
	 * @param secretKey the secret for {@code accessKey}
	 * @return the running server
	 * @throws StorageException if the directory cannot be created or the server fails to
	 * start
	 */
	public static EmbeddedS3Server start(Path directory, String host, int port, String accessKey, String secretKey) {
		Objects.requireNonNull(directory, "directory");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(accessKey, "accessKey");
		Objects.requireNonNull(secretKey, "secretKey");
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Invalid port: " + port);
		}
		Path root = createDirectories(directory.toAbsolutePath());
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(new FilesystemNio2BlobStore(root.toString()))
			.endpoint(URI.create("http://" + uriHost(host) + ":" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
			.build();
		try {
			proxy.start();
			awaitStarted(proxy);
		}
		catch (Exception ex) {
			stopQuietly(proxy, ex);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new StorageException("Could not start the embedded S3 server on " + host + ":" + port, ex);
		}
		URI endpoint = URI.create("http://" + uriHost(host) + ":" + proxy.getPort());
		return new EmbeddedS3Server(proxy, endpoint, accessKey, secretKey);
	}

	/**
	 * Returns the URL clients connect to, with the actual port.
	 * @return the endpoint, such as {@code http://127.0.0.1:41234}
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the access key the server accepts.
	 * @return the access key id
	 */
	public String accessKey() {
		return this.accessKey;
	}

	/**
	 * Returns the secret for {@link #accessKey()}.
	 * @return the secret access key
	 */
	public String secretKey() {
		return this.secretKey;
	}

	/**
	 * Stops the server. Stored data stays in the directory. Calling it again has no
	 * effect.
	 * @throws StorageException if the server does not stop cleanly
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.proxy.stop();
		}
		catch (Exception ex) {
			throw new StorageException("Could not stop the embedded S3 server at " + this.endpoint, ex);
		}
	}

	@Override
	public String toString() {
		return "EmbeddedS3Server[" + this.endpoint + "]";
	}

	private static Path createDirectories(Path directory) {
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new StorageException("Could not create " + directory, ex);
		}
	}

	private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
		// Jetty may report the connector before it has finished starting.
		long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
		while (!"STARTED".equals(proxy.getState())) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException(
						"Server still " + proxy.getState() + " after " + START_TIMEOUT_MILLIS + " ms");
			}
			Thread.sleep(10);
		}
	}

	private static void stopQuietly(S3Proxy proxy, Exception failure) {
		try {
			proxy.stop();
		}
		catch (Exception ex) {
			failure.addSuppressed(ex);
		}
	}

	private static String uriHost(String host) {
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

}
