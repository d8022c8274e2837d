package org.mtalistener.conf.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The option table of {@code docs/conf.md}, written from the {@link OptionRegistry}: one row per option with its
 * ActivationSpec property, type, default, scopes, how the adapter honours it and why. The doc is never edited by hand;
 * run {@code main} (to standard output, or into the file given) and paste or commit the result.
 */
public final class OptionDocs {

    private OptionDocs() {
    }

    /** The legend of the support column, then the table. */
    public static String markdown(OptionRegistry registry) {
        StringBuilder out = new StringBuilder();
        out.append("<!-- generated from the option registry by org.mtalistener.conf.options.OptionDocs -->\n\n");
        for (Support support : Support.values()) {
            out.append("- **").append(support.label()).append("**: ").append(support.meaning()).append('\n');
        }
        return out.append('\n').append(table(registry)).toString();
    }

    /** The Markdown table: a header row, a rule, and one row per option, ordered by name. */
    public static String table(OptionRegistry registry) {
        StringBuilder out = new StringBuilder()
                .append("| option | property | type | default | scopes | support | meaning |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (OptionDef<?> option : registry.all()) {
            out.append("| ").append(String.join(" | ",
                            nameCell(option),
                            code(option.propertyName()),
                            cell(option.type().describe()),
                            option.defaultText().map(OptionDocs::code).orElse("—"),
                            cell(option.scopes().stream().map(ScopeKind::confName).collect(Collectors.joining(", "))),
                            supportCell(option),
                            cell(option.meaning())))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String nameCell(OptionDef<?> option) {
        String name = code(option.name());
        if (!option.aliases().isEmpty()) {
            name += " (also " + option.aliases().stream().map(OptionDocs::code).collect(Collectors.joining(", "))
                    + ")";
        }
        return option.adapterSpecific() ? name + " (adapter)" : name;
    }

    private static String supportCell(OptionDef<?> option) {
        String label = "**" + option.support().label() + "**";
        return option.note().isEmpty() ? label : label + " — " + cell(option.note());
    }

    /** Text in a cell: a pipe would end the cell, and {@code <postmaster>} would be taken for an HTML tag. */
    private static String cell(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|");
    }

    /** A code span in a cell: no HTML inside, but the pipe is escaped even there, as GitHub's tables need. */
    private static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        return fence + text.replace("|", "\\|") + fence;
    }

    /**
     * Writes {@link #markdown(OptionRegistry)} of the standard registry to standard output, or to the file named by
     * the first argument.
     */
    public static void main(String[] args) throws IOException {
        String doc = markdown(OptionRegistry.standard());
        if (args.length == 0) {
            System.out.print(doc);
        } else {
            Files.writeString(Path.of(args[0]), doc, StandardCharsets.UTF_8);
        }
    }
}
