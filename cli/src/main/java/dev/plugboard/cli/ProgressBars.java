package dev.plugboard.cli;

import dev.plugboard.client.TransferListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for each transfer, with rate and ETA; none when quiet, when
 * printing JSON, or when stderr is not a terminal (scripts and CI logs stay clean).
 */
final class ProgressBars implements TransferListener {

	private ProgressBar bar;

	static TransferListener of(HubOptions options) {
		boolean terminal = System.console() != null;
		return (options.quiet || options.json || !terminal) ? TransferListener.NONE : new ProgressBars();
	}

	@Override
	public void started(String description, long totalBytes) {
		this.bar = new ProgressBarBuilder().setTaskName(description)
			.setInitialMax(totalBytes)
			.setUnit((totalBytes < 10L << 20) ? " KiB" : " MiB", (totalBytes < 10L << 20) ? 1024 : 1024 * 1024)
			.showSpeed()
			.setStyle(ProgressBarStyle.ASCII)
			.setUpdateIntervalMillis(200)
			.continuousUpdate()
			.build();
	}

	@Override
	public void advanced(long bytes) {
		if (this.bar != null) {
			this.bar.stepBy(bytes);
		}
	}

	@Override
	public void finished() {
		if (this.bar != null) {
			this.bar.close();
			this.bar = null;
		}
	}

}
