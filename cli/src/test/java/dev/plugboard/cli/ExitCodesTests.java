package dev.plugboard.cli;

import java.io.IOException;

import dev.plugboard.client.ChecksumMismatchException;
import dev.plugboard.client.HubException;
import dev.plugboard.client.NotCachedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTests {

	@Test
	void mapsFailuresToTheDocumentedCodes() {
		assertThat(ExitCodes.of(new HubException(404, null, "x", null))).isEqualTo(3);
		assertThat(ExitCodes.of(new HubException(401, null, "x", null))).isEqualTo(4);
		assertThat(ExitCodes.of(new HubException(403, null, "x", null))).isEqualTo(4);
		assertThat(ExitCodes.of(new HubException(0, null, "x", new IOException("refused")))).isEqualTo(5);
		assertThat(ExitCodes.of(new NotCachedException("x"))).isEqualTo(6);
		assertThat(ExitCodes.of(new ChecksumMismatchException("x"))).isEqualTo(7);
		assertThat(ExitCodes.of(new HubException(409, null, "x", null))).isEqualTo(8);
		assertThat(ExitCodes.of(new HubException(400, null, "x", null))).isEqualTo(9);
		assertThat(ExitCodes.of(new IllegalArgumentException("x"))).isEqualTo(9);
		assertThat(ExitCodes.of(new HubException(500, null, "x", null))).isEqualTo(1);
		assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(1);
	}

	@Test
	void everyCodeIsListedInTheHelp() {
		java.io.StringWriter out = new java.io.StringWriter();
		int code = Plugboard.run(new java.io.PrintWriter(out, true),
				new java.io.PrintWriter(new java.io.StringWriter()), "--help");
		assertThat(code).isZero();
		for (int listed = 0; listed <= 9; listed++) {
			assertThat(out.toString()).containsPattern("(?m)^\\s+" + listed + "\\s+\\S");
		}
	}

}
