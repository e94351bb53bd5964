package dev.plugboard.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Null-tolerant reads of the hub's JSON. */
final class Json {

	private Json() {
	}

	static String string(JsonObject json, String field) {
		JsonElement value = (json != null) ? json.get(field) : null;
		return (value == null || value.isJsonNull()) ? null : value.getAsString();
	}

	static Double number(JsonObject json, String field) {
		JsonElement value = (json != null) ? json.get(field) : null;
		return (value == null || value.isJsonNull()) ? null : value.getAsDouble();
	}

	static JsonObject object(JsonObject json, String field) {
		JsonElement value = (json != null) ? json.get(field) : null;
		return (value == null || !value.isJsonObject()) ? null : value.getAsJsonObject();
	}

}
