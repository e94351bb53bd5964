package dev.plugboard.storage;

import java.nio.charset.StandardCharsets;

/**
 * Builds {@code Content-Disposition: attachment} values (RFC 6266) for arbitrary file
 * names.
 */
final class ContentDisposition {

	private static final String HEX = "0123456789ABCDEF";

	private ContentDisposition() {
	}

	static String attachment(String fileName) {
		String name = baseName(fileName);
		// Old clients only read the quoted ASCII form; others prefer filename*.
		return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + percentEncode(name);
	}

	private static String baseName(String fileName) {
		String name = fileName.strip();
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		name = name.substring(slash + 1);
		return name.isEmpty() ? "download" : name;
	}

	private static String asciiFallback(String name) {
		StringBuilder ascii = new StringBuilder(name.length());
		name.codePoints()
			.forEach((c) -> ascii.append((c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? (char) c : '_'));
		return ascii.toString();
	}

	private static String percentEncode(String name) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (isAttrChar(c)) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
			}
		}
		return encoded.toString();
	}

	private static boolean isAttrChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$&+-.^_`|~".indexOf(c) >= 0;
	}

}
