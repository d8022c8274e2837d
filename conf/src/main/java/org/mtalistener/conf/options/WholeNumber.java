package org.mtalistener.conf.options;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole number from {@link #min()} to {@link #max()}, counted in {@link #unit()}: a plain count, seconds or bytes.
 * Only decimal digits are taken. Values written with a unit ({@code 10MB}, {@code 5m}) are refused, since Momentum
 * does not document suffixes, but the message gives the number to write instead ({@code use 10485760}); sizes count
 * in powers of 1024.
 *
 * <p>A leading zero is refused ({@code 0500}): a C-based reader may take it as octal, and only {@link FileMode} is
 * meant that way.
 */
public record WholeNumber(long min, long max, Unit unit) implements OptionType<Long> {

    /** What the number counts. */
    public enum Unit {
        COUNT("a whole number", "whole number"),
        SECONDS("a number of seconds", "seconds"),
        BYTES("a byte count", "bytes");

        private final String aValue;
        private final String noun;

        Unit(String aValue, String noun) {
            this.aValue = aValue;
            this.noun = noun;
        }
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern NEGATIVE = Pattern.compile("-[0-9]+");
    private static final Pattern SIZE = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)?) ?(?:([kmgt])(?:i?b)?|b|bytes?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)?) ?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)",
            Pattern.CASE_INSENSITIVE);

    public WholeNumber {
        Objects.requireNonNull(unit, "unit");
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("range " + min + " to " + max + " is not a range of whole numbers");
        }
    }

    @Override
    public Long parse(String option, ConfValue value) {
        String written = ConfText.scalar(option, value, example());
        String text = written.strip();
        if (DIGITS.matcher(text).matches()) {
            if (text.length() > 1 && text.charAt(0) == '0') {
                String plain = new BigInteger(text).toString();
                throw new OptionException(option + ": " + ConfText.quote(written) + " has a leading zero (write "
                        + plain + ": a leading zero could be read as octal)");
            }
            BigInteger number = new BigInteger(text);
            if (number.compareTo(BigInteger.valueOf(max)) > 0) {
                throw outOfRange(option, text);
            }
            return checkMin(option, number.longValueExact(), text);
        }
        if (NEGATIVE.matcher(text).matches()) {
            throw outOfRange(option, text);
        }
        OptionalLong inUnits = convert(text);
        if (inUnits.isPresent() && inUnits.getAsLong() >= min && inUnits.getAsLong() <= max) {
            throw new OptionException(option + ": " + ConfText.quote(written) + " is not " + unit.aValue + " (use "
                    + inUnits.getAsLong() + ")");
        }
        throw new OptionException(option + ": " + ConfText.quote(written) + " is not " + unit.aValue + " (" + wayOut()
                + ")");
    }

    @Override
    public Long check(String option, Long value) {
        if (value < min || value > max) {
            throw outOfRange(option, value.toString());
        }
        return value;
    }

    private long checkMin(String option, long number, String text) {
        if (number < min) {
            throw outOfRange(option, text);
        }
        return number;
    }

    private OptionException outOfRange(String option, String text) {
        boolean below = text.startsWith("-") || new BigInteger(text).compareTo(BigInteger.valueOf(min)) < 0;
        String range = below && unbounded() ? min + " or more" : min + " to " + max;
        return new OptionException(option + ": " + text + " is out of range (use " + range + ")");
    }

    /** The text in this unit, when it is a number with a unit suffix ({@code 10MB}, {@code 5m}) that fits a long. */
    private OptionalLong convert(String text) {
        Matcher m;
        long factor;
        if (unit == Unit.BYTES && (m = SIZE.matcher(text)).matches()) {
            int power = m.group(2) == null ? 0 : "kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
            factor = 1L << (10 * power);
        } else if (unit == Unit.SECONDS && (m = DURATION.matcher(text)).matches()) {
            factor = switch (Character.toLowerCase(m.group(2).charAt(0))) {
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 1;
            };
        } else {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)).longValueExact());
        } catch (ArithmeticException notWholeOrTooBig) {
            return OptionalLong.empty();
        }
    }

    private String wayOut() {
        return switch (unit) {
            case BYTES -> "write a whole number of bytes, e.g. " + example();
            case SECONDS -> "write a whole number of seconds, e.g. " + example();
            case COUNT -> "write a whole number, " + (unbounded() ? min + " or more" : min + " to " + max);
        };
    }

    /** Whether the top of the range is just the widest the Java type holds, rather than a real limit. */
    private boolean unbounded() {
        return max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
    }

    @Override
    public ConfValue toConf(Long value) {
        return new ConfValue.Scalar(value.toString());
    }

    @Override
    public String describe() {
        if (unit != Unit.COUNT && min == 0 && unbounded()) {
            return unit.noun;
        }
        return unit.noun + ", " + (unbounded() ? min + " or more" : min + " to " + max);
    }

    @Override
    public String example() {
        long example = switch (unit) {
            case BYTES -> 10_485_760;
            case SECONDS -> 300;
            case COUNT -> 100;
        };
        return Long.toString(Math.max(min, Math.min(max, example)));
    }

    @Override
    public Class<?> valueClass() {
        return Long.class;
    }
}
