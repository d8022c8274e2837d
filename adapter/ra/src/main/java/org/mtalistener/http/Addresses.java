package org.mtalistener.http;

import org.mtalistener.log.ClientText;

/** The envelope addresses an HTTP client gives: a plain mailbox, local@domain, without angle brackets. */
final class Addresses {

    private Addresses() {
    }

    /** {@code address} if it is a mailbox SMTP could carry in MAIL FROM or RCPT TO, else the field's error. */
    static String mailbox(String address, String field) throws BadRequest {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new BadRequest(field, "expected an address local@domain, got \"" + ClientText.escaped(address)
                    + "\"");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 0x7f) {
                throw new BadRequest(field, "an address without spaces, control characters or angle brackets, "
                        + "got \"" + ClientText.escaped(address) + "\"");
            }
        }
        return address;
    }
}
