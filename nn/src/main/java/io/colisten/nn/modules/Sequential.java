package io.colisten.nn.modules;

/** Children run in order, named "<name>.0", "<name>.1", ... by whoever builds them (nn.Sequential). */
public final class Sequential extends Module {
    public Sequential(String name) {
        super(name);
    }

    /** Appends a child; returns it. */
    public <M extends Module> M append(M child) {
        return add(child);
    }

    /** The name the next child should take ("layer1.2"). */
    public String nextName() {
        return child(Integer.toString(children().size()));
    }
}
