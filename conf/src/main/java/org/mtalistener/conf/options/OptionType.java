package org.mtalistener.conf.options;

import java.util.List;
import java.util.Map;
import org.mtalistener.conf.values.Cidr;

/**
 * The type of an option's value: how text from {@code ecelerity.conf} becomes a typed value, and back.
 *
 * <p>Every parser throws {@link OptionException} with a message that names the option, the value and what to write
 * instead. {@code toConf(parse(v))} writes a value that parses to the same typed value.
 *
 * @param <T> the Java type of a parsed value
 */
public sealed interface OptionType<T> permits Flag, WholeNumber, FileMode, Text, HostName, Choice, TextList, CidrList,
        TextMap {

    /**
     * The typed value of {@code value}.
     *
     * @param option the option's name, for the message
     * @throws OptionException naming the option, the value and the way out
     */
    T parse(String option, ConfValue value);

    /**
     * {@code value} itself, when this type takes it: a value that arrives typed (an ActivationSpec's {@code int}
     * property) is held to the same limits as the text a conf file would write.
     *
     * @param option the option's name, for the message
     * @throws OptionException as {@link #parse} would for the same value written as text
     */
    default T check(String option, T value) {
        return value;
    }

    /** {@code value} as it would be written in {@code ecelerity.conf}. */
    ConfValue toConf(T value);

    /** A few words for the docs table: {@code boolean}, {@code bytes}, {@code one of: none, optional, require}. */
    String describe();

    /** A value to show in a message's way out, e.g. {@code 300} for seconds. */
    String example();

    /** The class of a parsed value. */
    Class<?> valueClass();

    // The types the registry uses. Each factory returns a fresh, equal value; they are records.

    /** {@code true/false/on/off/yes/no/1/0/enabled/disabled}, case-insensitive. */
    static OptionType<Boolean> flag() {
        return new Flag();
    }

    /** A whole number from {@code min} to {@code max}. */
    static OptionType<Long> count(long min, long max) {
        return new WholeNumber(min, max, WholeNumber.Unit.COUNT);
    }

    /** A number of seconds, 0 or more. */
    static OptionType<Long> seconds() {
        return new WholeNumber(0, Integer.MAX_VALUE, WholeNumber.Unit.SECONDS);
    }

    /** A number of bytes, 0 or more, written without a suffix. */
    static OptionType<Long> bytes() {
        return new WholeNumber(0, Long.MAX_VALUE, WholeNumber.Unit.BYTES);
    }

    /** A number of bytes from 0 to {@code max}. */
    static OptionType<Long> bytes(long max) {
        return new WholeNumber(0, max, WholeNumber.Unit.BYTES);
    }

    /** Unix permission bits in octal, {@code 0000} to {@code 0777}. */
    static OptionType<Integer> fileMode() {
        return new FileMode();
    }

    /** One line of text, not empty. */
    static OptionType<String> text() {
        return new Text("");
    }

    /** One line of text that begins with {@code prefix}. */
    static OptionType<String> textStartingWith(String prefix) {
        return new Text(prefix);
    }

    /** A DNS host name, or an address literal in brackets. */
    static OptionType<String> hostName() {
        return new HostName();
    }

    /** One of {@code words}, case-insensitive; the parsed value is the word as listed here. */
    static OptionType<String> choice(String... words) {
        return new Choice(List.of(words));
    }

    /** An array of one-line texts. */
    static OptionType<List<String>> textList() {
        return new TextList();
    }

    /** An array of CIDR blocks, e.g. {@code ( "127.0.0.0/8" "2001:db8::/32" )}. */
    static OptionType<List<Cidr>> cidrList() {
        return new CidrList();
    }

    /** A dictionary of texts that must have the {@code requiredKeys} (compared case-insensitively). */
    static OptionType<Map<String, String>> dictionary(String... requiredKeys) {
        return new TextMap(List.of(requiredKeys));
    }
}
