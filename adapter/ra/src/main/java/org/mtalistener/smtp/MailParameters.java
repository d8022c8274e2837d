package org.mtalistener.smtp;

import java.util.Map;
import org.mtalistener.mail.Reply;

/**
 * The MAIL FROM parameters the session supports: SIZE (RFC 1870), BODY (RFC 6152, and BINARYMIME of RFC 3030 when
 * offered) and SMTPUTF8 (RFC 6531, when offered); everything else is refused.
 */
final class MailParameters {

    private MailParameters() {
    }

    /**
     * @param maxMessageSize the listener's limit in bytes; 0 = unlimited
     * @param policy         the extensions offered
     * @return the reply refusing the first unacceptable parameter, or null if all are acceptable
     */
    static Reply refusal(Map<String, String> parameters, long maxMessageSize, SmtpPolicy policy) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> {
                    if (!value.matches("\\d{1,18}")) {
                        return Replies.INVALID_SIZE;
                    }
                    if (maxMessageSize > 0 && Long.parseLong(value) > maxMessageSize) {
                        return Replies.SIZE_EXCEEDS_MAXIMUM;
                    }
                }
                case "BODY" -> {
                    if (!value.equalsIgnoreCase("7BIT") && !value.equalsIgnoreCase("8BITMIME")
                            && !(value.equalsIgnoreCase("BINARYMIME") && policy.offers(SmtpExtension.BINARYMIME))) {
                        return Replies.INVALID_BODY;
                    }
                }
                case "SMTPUTF8" -> {
                    if (!policy.offers(SmtpExtension.SMTPUTF8)) {
                        return Replies.UNSUPPORTED_MAIL_PARAMETER;
                    }
                    if (!value.isEmpty()) {
                        return Replies.INVALID_SMTPUTF8;
                    }
                }
                default -> {
                    return Replies.UNSUPPORTED_MAIL_PARAMETER;
                }
            }
        }
        return null;
    }
}
