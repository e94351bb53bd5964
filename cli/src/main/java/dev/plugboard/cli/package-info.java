/**
 * The {@code plugboard} command line: log in, push, pull, search and read scores against
 * a hub, on the client SDK.
 */
package dev.plugboard.cli;
