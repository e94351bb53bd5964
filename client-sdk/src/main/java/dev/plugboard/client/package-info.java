/**
 * The Java client of a Plugboard hub: REST calls with retries and a content-addressed
 * download cache that verifies every file's sha256. Depends on no machine-learning
 * library.
 */
package dev.plugboard.client;
