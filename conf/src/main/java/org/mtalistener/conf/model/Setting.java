package org.mtalistener.conf.model;

import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.parse.Position;

/**
 * One option as written in one scope: its definition, its typed value and where it was written.
 *
 * @param value the value as {@link OptionDef#parse} read it, of the option's type
 */
public record Setting(OptionDef<?> option, Object value, Position position) {

    /** The value as conf text, e.g. {@code 300}, {@code "mx.example.com"}, {@code ( "a" "b" )}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public String text() {
        return ((org.mtalistener.conf.options.OptionType) option.type()).toConf(value).toString();
    }
}
