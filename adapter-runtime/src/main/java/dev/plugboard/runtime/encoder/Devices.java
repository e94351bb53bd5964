package dev.plugboard.runtime.encoder;

import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the device the encoder runs on: CUDA when it is requested (or {@code auto}) and
 * present, the CPU otherwise. The choice and its reason are logged.
 */
public final class Devices {

	/** DJL's name of the PyTorch engine; named explicitly wherever a model is loaded. */
	public static final String ENGINE = "PyTorch";

	private static final Logger logger = LoggerFactory.getLogger(Devices.class);

	private Devices() {
	}

	/**
	 * Chooses a device.
	 * @param requested {@code auto}, {@code cpu} or {@code cuda}
	 * @return the device to use
	 */
	public static Device choose(String requested) {
		return choose(requested, Engine.getEngine(ENGINE).getGpuCount());
	}

	/** Chooses a device given the number of CUDA devices present. */
	public static Device choose(String requested, int gpus) {
		String request = requested.toLowerCase(Locale.ROOT).trim();
		Device device;
		String reason;
		switch (request) {
			case "cpu" -> {
				device = Device.cpu();
				reason = "CPU requested";
			}
			case "cuda", "gpu", "auto" -> {
				device = (gpus > 0) ? Device.gpu(0) : Device.cpu();
				reason = (gpus > 0) ? gpus + " CUDA device(s) present" : "no CUDA device present"
						+ (request.equals("auto") ? "" : ", although " + request + " was requested");
			}
			default -> throw new IllegalArgumentException("Unknown device '" + requested + "'; use auto, cpu or cuda");
		}
		logger.info("Adapter runtime device: {} ({})", device, reason);
		return device;
	}

}
