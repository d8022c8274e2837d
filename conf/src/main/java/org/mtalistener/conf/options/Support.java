package org.mtalistener.conf.options;

/** How this adapter honours an option. Every option that is not {@link #SUPPORTED} says why in its note. */
public enum Support {
    /** The adapter does what Momentum does with it. */
    SUPPORTED("supported", "the adapter honours it as Momentum does"),
    /** The adapter honours it through an equivalent; the note says which. */
    MAPPED("mapped", "honoured through an equivalent (see the note)"),
    /** Accepted, but has no meaning inside a Jakarta EE server; reported once at deployment, with the reason. */
    IGNORED("ignored", "accepted and reported once; the note says why it means nothing here"),
    /** A feature a later step of the project brings; until then accepted and reported like {@link #IGNORED}. */
    PLANNED("planned", "accepted and reported until the step named in the note implements it");

    private final String label;
    private final String meaning;

    Support(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** Whether the adapter acts on the option today. */
    public boolean isHonoured() {
        return this == SUPPORTED || this == MAPPED;
    }

    /** The word for the docs table. */
    public String label() {
        return label;
    }

    /** One line for the docs' legend. */
    public String meaning() {
        return meaning;
    }
}
