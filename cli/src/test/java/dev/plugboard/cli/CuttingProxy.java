package dev.plugboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A reverse proxy in front of the hub that breaks the first download of one file after a
 * given number of bytes, as a dropped connection does, and records the requests it
 * forwards. It tells the hub its own address (X-Forwarded-*), so the download URLs the
 * hub writes lead back through it.
 */
final class CuttingProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding",
			"keep-alive", "date");

	private final HttpServer server;

	private final String hub;

	private final String cutPathSuffix;

	private final long cutAfter;

	private final AtomicBoolean cut = new AtomicBoolean();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	CuttingProxy(String hub, String cutPathSuffix, long cutAfter) throws IOException {
		this.hub = hub;
		this.cutPathSuffix = cutPathSuffix;
		this.cutAfter = cutAfter;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::forward);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The forwarded requests: {@code GET /path [Range: …]}. */
	List<String> requests() {
		return this.requests;
	}

	private void forward(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
				? "?" + exchange.getRequestURI().getRawQuery() : "");
		String range = exchange.getRequestHeaders().getFirst("Range");
		this.requests.add(exchange.getRequestMethod() + " " + path + ((range != null) ? " Range: " + range : ""));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.hub + path))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody())
			.header("X-Forwarded-Host", "127.0.0.1:" + this.server.getAddress().getPort())
			.header("X-Forwarded-Proto", "http");
		for (String name : List.of("Range", "If-Range", "Authorization", "Accept", "If-None-Match")) {
			String value = exchange.getRequestHeaders().getFirst(name);
			if (value != null) {
				request.header(name, value);
			}
		}
		try {
			HttpResponse<InputStream> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			response.headers().map().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
			boolean empty = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
					|| response.statusCode() == 304;
			exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : length);
			try (InputStream body = response.body(); OutputStream out = exchange.getResponseBody()) {
				if (empty) {
					return;
				}
				if (path.endsWith(this.cutPathSuffix) && response.statusCode() == 200
						&& this.cut.compareAndSet(false, true)) {
					out.write(body.readNBytes((int) this.cutAfter));
					out.flush();
					// Drop the connection mid-body, as a failing network does.
					exchange.close();
					return;
				}
				body.transferTo(out);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.close();
		}
		catch (IOException ex) {
			exchange.close();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
