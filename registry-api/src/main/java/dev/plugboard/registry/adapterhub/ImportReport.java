package dev.plugboard.registry.adapterhub;

import java.util.List;

/**
 * What an import did; a second import of the same catalog reports only unchanged items.
 */
public record ImportReport(int adapterTypes, int tasks, int subtasks, int architectures, int adaptersCreated,
		int adaptersUpdated, int adaptersUnchanged, int versionsCreated, int versionsUnchanged, int defaults,
		List<String> skipped, long millis) {
}
