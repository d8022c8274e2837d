package org.mtalistener.mail;

import java.util.regex.Pattern;
import org.mtalistener.delivery.DeliveryOutcome;

/**
 * The replies to a finished delivery, the same whichever protocol carried the message: SMTP sends them as replies,
 * ECStream as the per-message status its producers classify as they would an SMTP reply.
 */
public final class DeliveryReplies {

    /** Any delivery that did not end in acceptance or a reply of the endpoint's choosing. */
    public static final Reply TRANSACTION_FAILED = new Reply(451, "4.3.0", "transaction failed");
    public static final Reply MESSAGE_TOO_LARGE = new Reply(552, "5.3.4", "message size limit exceeded");

    private static final Pattern ENHANCED_CODE = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    private DeliveryReplies() {
    }

    private static Reply queued(String queueId) {
        return new Reply(250, "2.0.0", "OK queued as " + queueId);
    }

    /** The reply for a finished delivery: only {@code Accepted} is acknowledged. */
    public static Reply forOutcome(String queueId, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Accepted) {
            return queued(queueId);
        }
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            return rejected(rejected.code(), rejected.enhancedCode(), rejected.text());
        }
        return TRANSACTION_FAILED;
    }

    /**
     * The endpoint's own reply. It comes from application code, so a reply that is not a refusal, or text that
     * could break the reply stream, is not passed on as it stands.
     */
    public static Reply rejected(int code, String enhancedCode, String text) {
        if (code < 400 || code > 599) {
            return TRANSACTION_FAILED;
        }
        String enhanced = enhancedCode != null && ENHANCED_CODE.matcher(enhancedCode).matches()
                && enhancedCode.charAt(0) - '0' == code / 100
                ? enhancedCode : code / 100 + ".0.0";
        StringBuilder printable = new StringBuilder();
        (text == null || text.isBlank() ? "rejected" : text).chars()
                .forEach(c -> printable.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return new Reply(code, enhanced, printable.toString());
    }
}
