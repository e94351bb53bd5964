package dev.plugboard.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.LoadState;
import dev.plugboard.registry.HubClient.FileUpload;
import dev.plugboard.registry.HubClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web catalog in a real browser (Debian's Chromium through Playwright) against a real
 * hub of its own: search, filter, open an adapter and see its scores and chart; upload
 * through the page; a hostile model card stays inert; forms need CSRF tokens; bad input
 * gives friendly pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebCatalogIT {

	private final Path dataDir = Path.of("target", "web-catalog-it", UUID.randomUUID().toString());

	private ConfigurableApplicationContext context;

	private HubClient hub;

	private String admin;

	private EvaluationFixtures fixtures;

	private Playwright playwright;

	private Browser browser;

	private BrowserContext tab;

	private Page page;

	private final List<String> pageErrors = new ArrayList<>();

	@BeforeAll
	void start() throws Exception {
		this.playwright = BrowserSupport.playwright();
		this.browser = BrowserSupport.chromium(this.playwright);
		this.context = new SpringApplicationBuilder(PlugboardApplication.class).run("--server.port=0",
				"--plugboard.data-dir=" + this.dataDir);
		this.hub = HubClient.of(this.context);
		this.admin = Files.readString(this.dataDir.resolve("admin-token")).strip();
		this.fixtures = new EvaluationFixtures(this.hub, this.admin);
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.playwright != null) {
			this.playwright.close();
		}
		if (this.context != null) {
			this.context.close();
		}
	}

	@BeforeEach
	void openTab() {
		this.tab = this.browser.newContext(
				new Browser.NewContextOptions().setBaseURL(this.hub.base().toString()).setViewportSize(1280, 900));
		this.page = this.tab.newPage();
		this.pageErrors.clear();
		this.page.onPageError(this.pageErrors::add);
		this.page.onConsoleMessage((message) -> {
			// Refused sign-ins and uploads answer 401 and 400 on purpose; anything else
			// is a fault.
			if ("error".equals(message.type()) && !message.text().matches(".*status of 40[01].*")) {
				this.pageErrors.add(message.text());
			}
		});
		// An alert, confirm or prompt would be script from a card running.
		this.page.onDialog((dialog) -> {
			this.pageErrors.add("dialog: " + dialog.message());
			dialog.dismiss();
		});
	}

	@AfterEach
	void closeTab() {
		this.tab.close();
	}

	@Test
	void searchFilterOpenAnAdapterAndSeeItsScoresAndChart() {
		String ns = "web-" + UUID.randomUUID().toString().substring(0, 8);
		String word = "quokka" + ns.substring(4);
		String baseModel = this.fixtures.baseModel(ns);
		String benchmark = ns + "/reviews";
		this.fixtures.benchmark(benchmark, "sentiment", "reviews-" + ns);
		createAdapter(ns, "reviews-lora", word, "sentiment", "reviews-" + ns, baseModel, "lora");
		createAdapter(ns, "reviews-bottleneck", word, "sentiment", "reviews-" + ns, baseModel, "seq_bn");
		String runnerToken = this.fixtures.runnerToken();
		String runner = this.fixtures.register(runnerToken, "browser-test-runner");
		publishAndScore(ns + "/reviews-lora", "1.0.0", 1f, runnerToken, runner, 0.8125);
		publishAndScore(ns + "/reviews-lora", "1.1.0", 2f, runnerToken, runner, 0.875);
		awaitSearchable(word, 2);

		this.page.navigate("/");
		assertThat(this.page.getByRole(com.microsoft.playwright.options.AriaRole.SEARCH)).isVisible();
		this.page.getByLabel("Search adapters").fill(word);
		this.page.getByLabel("Search adapters").press("Enter");
		this.page.waitForURL(Pattern.compile(".*/search\\?q=" + word + ".*"));
		// Hybrid search also lists semantic neighbours; the two keyword matches come
		// first.
		Locator cards = this.page.locator("article.card");
		assertThat(cards.nth(0)).containsText(ns + "/reviews-");
		assertThat(cards.nth(1)).containsText(ns + "/reviews-");
		screenshot("search");

		this.page.locator("[data-facet=namespace] a", new Page.LocatorOptions().setHasText(ns)).click();
		this.page.waitForURL(Pattern.compile(".*namespace=" + ns + ".*"));
		this.page.locator("[data-facet=method] a", new Page.LocatorOptions().setHasText("lora")).click();
		this.page.waitForURL(Pattern.compile(".*method=lora.*"));
		assertThat(cards).hasCount(1);
		assertThat(cards.first()).containsText(ns + "/reviews-lora");
		assertThat(cards.first()).containsText(benchmark + " accuracy 0.875");

		cards.first()
			.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
					new Locator.GetByRoleOptions().setName(ns + "/reviews-lora"))
			.click();
		this.page.waitForURL(Pattern.compile(".*/adapters/" + ns + "/reviews-lora$"));
		Locator table = this.page.locator("#evaluation-table tbody tr");
		assertThat(table).hasCount(2);
		assertThat(table.nth(0)).containsText("1.1.0");
		assertThat(table.nth(0)).containsText("0.875");
		assertThat(table.nth(1)).containsText("0.8125");
		Locator chart = this.page.locator("#score-chart");
		assertThat(chart).isVisible();
		assertThat(chart.locator("g.series")).hasCount(1);
		assertThat(chart.locator("g.series circle")).hasCount(2);
		assertThat(chart.locator("g.series")).hasAttribute("data-benchmark", benchmark);
		assertThat(this.page.locator("#weights")).containsText("Rank (r)");
		assertThat(this.page.locator("#versions details")).hasCount(2);
		assertThat(this.page.locator("#snippets")).containsText("pull " + ns + "/reviews-lora@1.1.0");
		screenshot("adapter");

		this.page.navigate("/benchmarks/" + benchmark);
		assertThat(this.page.locator("#leaderboard tbody tr").first()).containsText(ns + "/reviews-lora");
		screenshot("leaderboard");
		this.page.navigate("/namespaces/" + ns);
		assertThat(this.page.locator("article.card")).hasCount(3);
		this.page.navigate("/tasks/sentiment");
		assertThat(this.page.locator("main")).containsText("reviews-" + ns);
		this.page.navigate("/");
		screenshot("home");
		assertThat(this.pageErrors).isEmpty();
	}

	@Test
	void searchAsYouTypeUpdatesResultsAndTheUrl() {
		String ns = "typing-" + UUID.randomUUID().toString().substring(0, 8);
		String word = "wombat" + ns.substring(7);
		createAdapter(ns, "typed", word, "sentiment", "sst-2", null, "lora");
		awaitSearchable(word, 1);
		this.page.navigate("/search");
		this.page.getByLabel("Search adapters").pressSequentially(word);
		this.page.waitForURL(Pattern.compile(".*q=" + word + ".*"));
		assertThat(this.page.locator("article.card")).hasCount(1);
		assertThat(this.page.locator("article.card")).containsText(ns + "/typed");
		assertThat(this.pageErrors).isEmpty();
	}

	@Test
	void uploadAFixtureAdapterAndSeeItAppear() throws Exception {
		String ns = "upload-" + UUID.randomUUID().toString().substring(0, 8);
		String token = token(ns, "write");
		this.page.navigate("/upload");
		this.page.waitForURL(Pattern.compile(".*/sign-in.*"));
		this.page.getByLabel("Token").fill("pb_wrong");
		this.page
			.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
			.click();
		assertThat(this.page.locator("[role=alert]")).containsText("unknown or revoked");
		this.page.getByLabel("Token").fill(token);
		this.page
			.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
			.click();
		this.page.waitForURL(Pattern.compile(".*/upload$"));
		assertThat(this.page.locator("header")).containsText("Signed in: " + ns + " (write)");
		assertThat(this.page.content()).doesNotContain(token);
		assertThat(this.tab.cookies().stream().filter((cookie) -> cookie.name.equals("JSESSIONID")).findFirst())
			.hasValueSatisfying((cookie) -> assertThat(cookie.httpOnly).isTrue());

		Path files = Files.createTempDirectory("upload");
		List<Path> chosen = new ArrayList<>();
		for (FileUpload file : AdapterFixtures.lora(7f)) {
			chosen.add(Files.write(files.resolve(file.path()), file.content()));
		}
		this.page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("uploaded-lora");
		this.page.getByLabel("Version").fill("1.0.0");
		this.page.getByLabel("Model card (Markdown)").fill("# Uploaded from the browser\nA LoRA for tests.");
		this.page.getByLabel("Task", new Page.GetByLabelOptions().setExact(true)).fill("sentiment");
		this.page.locator("#file").setInputFiles(chosen.toArray(Path[]::new));
		screenshot("upload");
		this.page
			.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish"))
			.click();
		this.page.waitForSelector("#upload-problem, .notice");
		assertThat(this.page.locator("#upload-problem")).hasCount(0);
		this.page.waitForURL(Pattern.compile(".*/adapters/" + ns + "/uploaded-lora\\?version=1.0.0.*"));
		assertThat(this.page.locator("[role=status]").first()).containsText("Published version 1.0.0");
		assertThat(this.page.locator("#versions")).containsText("adapter_model.safetensors");
		assertThat(this.page.locator(".markdown h1")).hasText("Uploaded from the browser");
		Response version = this.hub.get("/api/v1/adapters/" + ns + "/uploaded-lora/versions/1.0.0");
		assertThat(version.status()).isEqualTo(200);
		assertThat(version.json().path("files")).hasSize(3);

		// A broken weights file: the page lists what is wrong and nothing is published.
		Path broken = files.resolve("adapter_model.safetensors");
		Files.write(broken, AdapterFixtures
			.safetensors("{\"x\": {\"dtype\": \"F32\", \"shape\": [4], " + "\"data_offsets\": [0, 999]}}", 16));
		this.page.navigate("/upload");
		this.page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("uploaded-lora");
		this.page.getByLabel("Version").fill("1.0.1");
		this.page.locator("#file").setInputFiles(chosen.toArray(Path[]::new));
		this.page
			.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish"))
			.click();
		Locator problem = this.page.locator("#upload-problem");
		assertThat(problem).isVisible();
		assertThat(problem).containsText("adapter_model.safetensors");
		screenshot("upload-problem");
		assertThat(this.hub.get("/api/v1/adapters/" + ns + "/uploaded-lora/versions/1.0.1").status()).isEqualTo(404);
		assertThat(this.pageErrors).isEmpty();
	}

	@Test
	void aModelCardWithAnXssAttemptRendersInert() {
		String ns = "xss-" + UUID.randomUUID().toString().substring(0, 8);
		String card = """
				# Totally harmless <script>window.pwned = 'script'; alert('script')</script>

				<img src="x" onerror="window.pwned = 'onerror'; alert('onerror')">
				<a href="javascript:window.pwned='href';alert('href')" id="js-link">click me</a>

				[markdown link](javascript:window.pwned='md';alert('md'))

				<iframe src="javascript:alert('iframe')"></iframe>
				<svg onload="window.pwned='svg'"><script>alert('svg')</script></svg>
				<form action="https://evil.example/"><input name="token"></form>
				<div style="background:url(javascript:alert('css'))" onclick="alert('click')">styled</div>

				Normal **bold** text and a [real link](https://example.org/paper).
				""";
		this.hub.json("POST", "/api/v1/adapters", this.admin,
				"{\"namespace\":\"" + ns + "\",\"name\":\"evil\",\"description\":" + JsonText.quote(card) + "}");
		this.page.navigate("/adapters/" + ns + "/evil");
		Locator markdown = this.page.locator(".markdown");
		assertThat(markdown.locator("strong")).hasText("bold");
		assertThat(markdown.locator("a[href='https://example.org/paper']")).hasAttribute("rel",
				Pattern.compile(".*nofollow.*"));
		String html = (String) markdown.evaluate("element => element.innerHTML");
		assertThat(html.toLowerCase()).doesNotContain("<script", "onerror", "onload", "onclick", "href=\"javascript:",
				"<iframe", "<form", "style=");
		markdown.getByText("click me").click();
		markdown.getByText("markdown link").click();
		markdown.getByText("styled").click();
		this.page.waitForLoadState(LoadState.LOAD);
		assertThat(this.page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
		assertThat(this.pageErrors).noneMatch((error) -> error.startsWith("dialog"));
		Response response = this.hub.get("/adapters/" + ns + "/evil");
		assertThat(response.header("Content-Security-Policy")).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
	}

	@Test
	void formsWithoutACsrfTokenAreRefused() {
		Response signIn = this.hub.raw("POST", "/sign-in", null, "application/x-www-form-urlencoded",
				("token=" + this.admin).getBytes());
		assertThat(signIn.status()).isEqualTo(403);
		Response upload = this.hub.raw("POST", "/upload", null, "multipart/form-data; boundary=x",
				"--x--\r\n".getBytes());
		assertThat(upload.status()).isEqualTo(403);
		// The REST API is untouched: bearer tokens, no CSRF, no page headers.
		Response api = this.hub.json("POST", "/api/v1/adapters", this.admin,
				"{\"namespace\":\"csrf-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"api\"}");
		assertThat(api.status()).isEqualTo(201);
		assertThat(api.header("Content-Security-Policy")).isNull();
	}

	@Test
	void badInputGivesFriendlyPagesNotFailures() {
		Map<String, Integer> cases = Map.of("/adapters/nobody/nothing", 404, "/search?sort=alphabetical", 400,
				"/search?q=" + "x".repeat(2000), 400, "/benchmarks/nobody/nothing", 404,
				"/adapters/nobody/nothing?version=9", 404, "/namespaces/nobody-at-all", 404, "/tasks/no-such-task", 404,
				"/search?q=%22(*:*", 200, "/adapters/Bad%20Name/x", 400);
		cases.forEach((path, status) -> {
			Response response = this.hub.get(path);
			assertThat(response.status()).as(path + " → " + response.text()).isEqualTo(status);
			assertThat(response.header("Content-Type")).as(path).startsWith("text/html");
		});
		this.page.navigate("/search?sort=alphabetical");
		assertThat(this.page.locator("[role=alert]")).containsText("sorted by relevance, downloads, recent, score");
		screenshot("error");
		// The API keeps answering problem documents.
		assertThat(this.hub.get("/api/v1/search?sort=alphabetical").header("Content-Type"))
			.startsWith("application/problem+json");
	}

	private void createAdapter(String ns, String name, String word, String task, String subtask, String baseModel,
			String method) {
		String body = "{\"namespace\":\"" + ns + "\",\"name\":\"" + name + "\",\"description\":"
				+ JsonText.quote("# " + name + "\n\nClassifies " + word + " product reviews as positive or negative.")
				+ ",\"task\":\"" + task + "\",\"subtask\":\"" + subtask + "\",\"method\":\"" + method
				+ "\",\"languages\":[\"en\"],\"license\":\"mit\""
				+ ((baseModel != null) ? ",\"model_name\":\"" + baseModel + "\"" : "") + "}";
		Response created = this.hub.json("POST", "/api/v1/adapters", this.admin, body);
		org.assertj.core.api.Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	private void publishAndScore(String repository, String version, float seed, String runnerToken, String runner,
			double accuracy) {
		org.assertj.core.api.Assertions.assertThat(this.fixtures.publish(repository, version, seed).status())
			.isEqualTo(201);
		Response leased = this.fixtures.lease(runnerToken, runner);
		org.assertj.core.api.Assertions.assertThat(leased.status()).as(leased.toString()).isEqualTo(200);
		JsonNode job = leased.json();
		Response result = this.fixtures.result(runnerToken, job, accuracy);
		org.assertj.core.api.Assertions.assertThat(result.status()).as(result.toString()).isEqualTo(200);
	}

	private void awaitSearchable(String word, int hits) {
		long deadline = System.nanoTime() + 15_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (this.hub.get("/api/v1/search?q=" + word + "&mode=keyword").json().path("hits").size() == hits) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("not searchable: " + word);
	}

	private String token(String namespace, String permission) {
		Response response = this.hub.json("POST", "/api/v1/tokens", this.admin,
				"{\"namespace\":\"" + namespace + "\",\"permission\":\"" + permission + "\"}");
		org.assertj.core.api.Assertions.assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().path("token").asString();
	}

	private void screenshot(String name) {
		this.page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot(name)).setFullPage(true));
	}

	/** JSON string literals for hand-built bodies. */
	private static final class JsonText {

		static String quote(String text) {
			return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
		}

	}

}
