package dev.plugboard.registry.basemodel;

import dev.plugboard.registry.identity.Caller;
import dev.plugboard.runtime.baseimport.BundledBaseModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code plugboard.base-models.import-bundled} (the default), registers the bundled
 * base models that are missing once the hub is ready, on a background thread: the hub
 * serves requests meanwhile, and a model appears when its version commits. A failure is
 * logged and retried at the next start; the admin operation does the same on demand.
 */
@Component
public class BundledBaseModelStartup {

	private static final Logger log = LoggerFactory.getLogger(BundledBaseModelStartup.class);

	private final BundledBaseModels models;

	private final BaseModelProperties properties;

	BundledBaseModelStartup(BundledBaseModels models, BaseModelProperties properties) {
		this.models = models;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		if (!this.properties.importBundled()) {
			return;
		}
		Thread.ofPlatform().daemon().name("bundled-base-models").start(this::registerMissing);
	}

	/** Registers every bundled model that is not registered yet; returns how many. */
	public int registerMissing() {
		int registered = 0;
		for (BundledBaseModel model : BundledBaseModel.values()) {
			try {
				if (this.models.registered(model).isEmpty() && this.models.register(Caller.HUB, model).created()) {
					registered++;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not register the bundled base model {}: {}", model.repository(), ex.toString());
			}
		}
		return registered;
	}

}
