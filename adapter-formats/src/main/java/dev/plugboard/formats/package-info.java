/**
 * Formats an adapter registry must understand before it stores anything: the identifier
 * grammar for namespaces, names, versions, tags and file paths; the safetensors header;
 * and {@code adapter_config.json}.
 *
 * <p>
 * Everything here treats its input as hostile. Parsers report bad input only as
 * {@link dev.plugboard.formats.FormatException}, and bound the memory they use by limits
 * that are checked before anything is allocated.
 */
package dev.plugboard.formats;
