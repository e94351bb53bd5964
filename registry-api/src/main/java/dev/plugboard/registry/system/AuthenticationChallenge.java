package dev.plugboard.registry.system;

/** Marks problems whose response must carry a {@code WWW-Authenticate} challenge. */
public interface AuthenticationChallenge {

}
