package org.mtalistener.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1.0/inject/}, Momentum's REST injection:
 * {@code {"template": "<message with %{name}>", "recipients": [{"to": …, "from": …, "vctx": {…}}, …]}}. Read whole,
 * checked whole: one bad field refuses the request before any message is made, naming the field.
 *
 * @param template   the message every recipient gets, its placeholders filled from the recipient's vctx
 * @param recipients one message each, in the order written
 */
record InjectRequest(Template template, List<Recipient> recipients) {

    /** Parsson, made directly: a provider lookup would depend on the loader of whichever thread asks. */
    static final JsonProvider JSON = new org.eclipse.parsson.JsonProviderImpl();

    /** One message of the request: its envelope and the values of its placeholders. */
    record Recipient(String from, String to, Map<String, String> vctx) {

        /** What the template's placeholders take: the vctx, and %{to} and %{from} unless the vctx sets them. */
        Map<String, String> placeholders() {
            Map<String, String> values = new LinkedHashMap<>(Map.of("to", to, "from", from));
            values.putAll(vctx);
            return values;
        }
    }

    /** Reads and checks a request body (UTF-8 JSON). */
    static InjectRequest read(InputStream body, int maxRecipients) throws BadRequest {
        JsonObject request;
        try {
            JsonValue value = JSON.createReader(body).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequest("body", "expected a JSON object {\"template\": ..., \"recipients\": [...]}");
            }
            request = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BadRequest("body", "not JSON: " + e.getMessage());
        }
        String template = string(request, "template", "template");
        JsonValue list = request.get("recipients");
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY || list.asJsonArray().isEmpty()) {
            throw new BadRequest("recipients", "expected a non-empty array of {\"to\": ..., \"from\": ..., "
                    + "\"vctx\": {...}}");
        }
        JsonArray array = list.asJsonArray();
        if (maxRecipients > 0 && array.size() > maxRecipients) {
            throw new BadRequest(413, "recipients", array.size() + " recipients; this listener takes at most "
                    + maxRecipients + " in one request");
        }
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "recipients[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequest(field, "expected an object {\"to\": ..., \"from\": ..., \"vctx\": {...}}");
            }
            JsonObject recipient = array.getJsonObject(i);
            String to = Addresses.mailbox(string(recipient, "to", field + ".to"), field + ".to");
            String from = string(recipient, "from", field + ".from");
            if (!from.isEmpty()) {
                Addresses.mailbox(from, field + ".from");
            }
            recipients.add(new Recipient(from, to, vctx(recipient.get("vctx"), field + ".vctx")));
        }
        return new InjectRequest(new Template(template), List.copyOf(recipients));
    }

    private static String string(JsonObject object, String name, String field) throws BadRequest {
        JsonValue value = object.get(name);
        if (value == null) {
            throw new BadRequest(field, "missing");
        }
        if (!(value instanceof JsonString text)) {
            throw new BadRequest(field, "expected a string");
        }
        return text.getString();
    }

    /** The vctx as text: strings as they are, numbers and booleans as JSON writes them; one line each. */
    private static Map<String, String> vctx(JsonValue value, String field) throws BadRequest {
        Map<String, String> vctx = new LinkedHashMap<>();
        if (value == null || value == JsonValue.NULL) {
            return vctx;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BadRequest(field, "expected an object of names and values");
        }
        for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
            JsonValue v = entry.getValue();
            String text;
            if (v instanceof JsonString s) {
                text = s.getString();
            } else if (v instanceof JsonNumber || v == JsonValue.TRUE || v == JsonValue.FALSE) {
                text = v.toString();
            } else {
                throw new BadRequest(field + "." + entry.getKey(), "expected a string, number or boolean");
            }
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                // a line break in a value would let it write headers of its own into the message
                throw new BadRequest(field + "." + entry.getKey(), "a value may not hold a line break");
            }
            vctx.put(entry.getKey(), text);
        }
        return vctx;
    }
}
