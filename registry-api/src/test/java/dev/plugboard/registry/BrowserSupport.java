package dev.plugboard.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, which must never download a browser (CI has no
 * way to fetch one). {@code .ci/run} installs {@code chromium} with apt; without it the
 * browser tests fail on CI and are skipped, with a message, elsewhere.
 */
final class BrowserSupport {

	static final Path CHROMIUM = Path.of(System.getProperty("plugboard.chromium", "/usr/bin/chromium"));

	private BrowserSupport() {
	}

	static Playwright playwright() {
		if (!Files.isExecutable(CHROMIUM)) {
			String message = "No Chromium at " + CHROMIUM + ": install it with 'apt-get install chromium' "
					+ "(or point -Dplugboard.chromium at one)";
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		return Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
	}

	static Browser chromium(Playwright playwright) {
		return playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
	}

	/**
	 * Where screenshots go: {@code docs/screenshots} when asked for with
	 * {@code -Dplugboard.screenshots=true} (to refresh the committed ones), else
	 * {@code target/screenshots}.
	 */
	static Path screenshot(String name) {
		Path directory = Boolean.getBoolean("plugboard.screenshots") ? Path.of("..", "docs", "screenshots")
				: Path.of("target", "screenshots");
		return directory.resolve(name + ".png");
	}

}
