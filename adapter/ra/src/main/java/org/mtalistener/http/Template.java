package org.mtalistener.http;

import java.util.Map;

/**
 * A REST injection template: an RFC 5322 message whose {@code %{name}} placeholders take the values of a
 * recipient's {@code vctx} (validation context), as Momentum's REST injector does. A placeholder whose name the
 * recipient's vctx lacks is the client's mistake, not an empty string: the request is refused, naming it.
 */
record Template(String text) {

    /** The message for one recipient; {@code field} names that recipient's vctx in an error. */
    String fill(Map<String, String> vctx, String field) throws BadRequest {
        StringBuilder message = new StringBuilder(text.length() + 64);
        int at = 0;
        for (int open = text.indexOf("%{"); open >= 0; open = text.indexOf("%{", at)) {
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                throw new BadRequest("template", "the placeholder at character " + open + " has no closing }: "
                        + "write %{name}");
            }
            String name = text.substring(open + 2, close);
            String value = vctx.get(name);
            if (value == null) {
                throw new BadRequest(field + "." + name, "the template uses %{" + name + "}, which this "
                        + "recipient's vctx does not set");
            }
            message.append(text, at, open).append(value);
            at = close + 1;
        }
        return message.append(text, at, text.length()).toString();
    }
}
