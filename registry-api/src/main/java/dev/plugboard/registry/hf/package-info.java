/**
 * The subset of the Hugging Face Hub's HTTP API that {@code huggingface_hub},
 * {@code @huggingface/hub}, {@code peft} and {@code adapters} use, mapped onto
 * Plugboard's repositories: a version is a revision (its 40-hex commit id is the commit),
 * {@code main} and {@code HEAD} are the latest version, tags are refs. Answers use the
 * Hub's JSON shapes and its error form ({@code {"error": …}} with {@code X-Error-Code}),
 * never RFC 9457 problems, because the clients branch on those. See
 * docs/hf-compatibility.md.
 */
package dev.plugboard.registry.hf;
