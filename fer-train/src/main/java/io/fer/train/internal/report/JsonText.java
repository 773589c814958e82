package io.fer.train.internal.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;

/** JSON as fer's reports write it: pretty-printed, nulls kept, no HTML escaping, a final line break. */
public final class JsonText {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

    private JsonText() {}

    /** The element as text, with a line break at the end. */
    public static String render(JsonElement root) {
        return GSON.toJson(root) + "\n";
    }

    /** A JSON number, or null for NaN and infinities (a diverged loss), which JSON cannot hold. */
    public static JsonElement number(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
    }
}
