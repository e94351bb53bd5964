package dev.plugboard.formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checks that header entries describe the data buffer exactly: known dtypes, sizes that
 * match shapes, and offsets that tile the buffer without holes or overlaps.
 *
 * <p>
 * The rules are those of the reference implementation ({@code Metadata::validate} in
 * huggingface/safetensors), which readers rely on when they map tensors straight from the
 * file: entries sorted by offsets must start where the previous one ended, and the last
 * must end where the file ends.
 */
final class TensorLayout {

	private TensorLayout() {
	}

	/**
	 * Returns the valid entries in offset order, adding a violation for each invalid one.
	 * The buffer is checked for holes and overlaps only when every entry is valid, since
	 * a dropped entry would otherwise show up as a spurious hole.
	 */
	static List<TensorInfo> check(List<HeaderJson.Entry> entries, long bufferLength, Violations violations) {
		List<TensorInfo> tensors = new ArrayList<>(entries.size());
		for (HeaderJson.Entry entry : entries) {
			TensorInfo tensor = checkEntry(entry, bufferLength, violations);
			if (tensor != null) {
				tensors.add(tensor);
			}
		}
		tensors.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
		if (violations.isEmpty()) {
			checkCoverage(tensors, bufferLength, violations);
		}
		return tensors;
	}

	private static TensorInfo checkEntry(HeaderJson.Entry entry, long bufferLength, Violations violations) {
		String subject = Violations.shown(entry.name());
		Optional<Dtype> dtype = Dtype.of(entry.dtype());
		if (dtype.isEmpty()) {
			violations.add(subject, "unknown dtype '" + Violations.shown(entry.dtype()) + "'");
			return null;
		}
		long begin = entry.begin();
		long end = entry.end();
		if (begin > end) {
			violations.add(subject, "data_offsets [" + begin + ", " + end + "] must not end before they begin");
			return null;
		}
		String shape = Violations.shown(Arrays.toString(entry.shape()));
		long bits;
		try {
			long elements = 1;
			for (long dimension : entry.shape()) {
				elements = Math.multiplyExact(elements, dimension);
			}
			bits = Math.multiplyExact(elements, dtype.get().bits());
		}
		catch (ArithmeticException ex) {
			violations.add(subject, "shape " + shape + " has too many elements");
			return null;
		}
		if (bits % 8 != 0) {
			violations.add(subject, "shape " + shape + " of " + dtype.get() + " is " + bits
					+ " bits, which does not end on a byte boundary");
			return null;
		}
		if (bits / 8 != end - begin) {
			violations.add(subject, "shape " + shape + " of " + dtype.get() + " needs " + (bits / 8)
					+ " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
			return null;
		}
		if (end > bufferLength) {
			violations.add(subject,
					"data_offsets end " + end + " is past the end of the " + bufferLength + "-byte data buffer");
			return null;
		}
		return new TensorInfo(entry.name(), dtype.get(), Arrays.stream(entry.shape()).boxed().toList(), begin, end);
	}

	private static void checkCoverage(List<TensorInfo> sorted, long bufferLength, Violations violations) {
		long covered = 0;
		String lastName = null;
		for (TensorInfo tensor : sorted) {
			String subject = Violations.shown(tensor.name());
			if (tensor.begin() > covered) {
				violations.add(subject,
						"leaves a hole: data bytes [" + covered + ", " + tensor.begin() + ") belong to no tensor");
			}
			else if (tensor.begin() < covered) {
				violations.add(subject, "overlaps tensor '" + Violations.shown(lastName) + "': starts at data byte "
						+ tensor.begin() + ", before that tensor ends at " + covered);
			}
			if (tensor.end() >= covered) {
				covered = tensor.end();
				lastName = tensor.name();
			}
		}
		if (covered < bufferLength) {
			violations.add("data buffer",
					"bytes [" + covered + ", " + bufferLength + ") at the end of the file belong to no tensor");
		}
	}

}
