package org.mtalistener.ecstream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mtalistener.api.Envelope;
import org.mtalistener.mail.Reply;

/**
 * What a well-framed MESSAGE must also satisfy before its message is taken. Producers are trusted, so this is not
 * address policy; it keeps what goes into the {@code Received:} header and the MDB's envelope intact.
 */
final class EnvelopeRules {

    private EnvelopeRules() {
    }

    /** The reply refusing this envelope, or null if it is fine. */
    static Reply refusal(ClientFrame.MessageStart message) {
        if (!message.sender().isEmpty() && !isToken(message.sender())) {
            return EcstreamReplies.INVALID_SENDER;
        }
        if (message.recipients().isEmpty()) {
            return EcstreamReplies.NO_RECIPIENTS;
        }
        if (message.recipients().size() > Wire.MAX_RECIPIENTS) {
            return EcstreamReplies.TOO_MANY_RECIPIENTS;
        }
        for (String recipient : message.recipients()) {
            if (recipient.isEmpty() || !isToken(recipient)) {
                return EcstreamReplies.INVALID_RECIPIENT;
            }
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : message.parameters()) {
            String name = parameter.getKey();
            boolean valid = !name.isEmpty() && name.length() <= Wire.MAX_FIELD
                    && name.chars().allMatch(c -> c == '-' || c < 0x80 && Character.isLetterOrDigit(c))
                    && (parameter.getValue().isEmpty() || isToken(parameter.getValue()));
            if (!valid || seen.put(name.toUpperCase(Locale.ROOT), "") != null) {
                return EcstreamReplies.INVALID_PARAMETER;
            }
        }
        return null;
    }

    /** The envelope the MDB sees; call only when {@link #refusal} found nothing. */
    static Envelope envelope(ClientFrame.MessageStart message) {
        Map<String, String> parameters = new LinkedHashMap<>();
        message.parameters().forEach(p -> parameters.put(p.getKey().toUpperCase(Locale.ROOT), p.getValue()));
        return new Envelope(message.sender(), message.recipients(), parameters);
    }

    /** No controls, spaces or angle brackets: any of them would break the {@code for <…>} of the trace header. */
    private static boolean isToken(String value) {
        return value.length() <= Wire.MAX_FIELD
                && value.codePoints().allMatch(c -> c > 0x20 && c != 0x7F && c != '<' && c != '>'
                && !(c >= 0x80 && c < 0xA0));
    }
}
