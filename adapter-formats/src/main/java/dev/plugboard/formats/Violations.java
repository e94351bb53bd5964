package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects violations up to a fixed limit, so that a hostile input with millions of bad
 * entries cannot turn its own rejection into a memory problem.
 */
final class Violations {

	static final int LIMIT = 100;

	private static final int SHOWN_CHARS = 120;

	private final List<Violation> list = new ArrayList<>();

	private long dropped;

	void add(String subject, String reason) {
		if (this.list.size() < LIMIT) {
			this.list.add(new Violation(subject, reason));
		}
		else {
			this.dropped++;
		}
	}

	boolean isEmpty() {
		return this.list.isEmpty();
	}

	int size() {
		return this.list.size();
	}

	/**
	 * Builds the exception; its message is {@code headline} followed by the first
	 * violation, so that a log line alone says what was wrong.
	 */
	FormatException toException(String kind, String headline) {
		List<Violation> all = new ArrayList<>(this.list);
		long more = all.size() - 1 + this.dropped;
		if (this.dropped > 0) {
			all.add(new Violation("...", this.dropped + " more problems not listed"));
		}
		StringBuilder message = new StringBuilder(headline);
		if (!all.isEmpty()) {
			message.append(": ").append(all.get(0).subject()).append(": ").append(all.get(0).reason());
		}
		if (more > 0) {
			message.append(" (and ").append(more).append(" more)");
		}
		return new FormatException(kind, message.toString(), all);
	}

	/**
	 * Returns the violations kept, followed, if the limit was reached, by one noting how
	 * many more were dropped.
	 */
	List<Violation> toList() {
		List<Violation> all = new ArrayList<>(this.list);
		if (this.dropped > 0) {
			all.add(new Violation("...", this.dropped + " more problems not listed"));
		}
		return all;
	}

	static FormatException single(String kind, String message, String subject, String reason) {
		return new FormatException(kind, message, List.of(new Violation(subject, reason)));
	}

	/**
	 * Renders untrusted text for an error message: truncated, with anything but printable
	 * ASCII escaped, so that a rejected value cannot forge log lines or flood a response.
	 */
	static String shown(String raw) {
		return shown(raw, SHOWN_CHARS);
	}

	static String shown(String raw, int maxChars) {
		if (raw == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder();
		int limit = Math.min(raw.length(), maxChars);
		for (int i = 0; i < limit; i++) {
			char c = raw.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				out.append(c);
			}
			else {
				out.append(String.format("\\u%04x", (int) c));
			}
		}
		if (raw.length() > limit) {
			out.append("...(").append(raw.length()).append(" chars)");
		}
		return out.toString();
	}

}
