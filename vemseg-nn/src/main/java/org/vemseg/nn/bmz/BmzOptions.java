package org.vemseg.nn.bmz;

import java.util.List;

/**
 * What a bioimage.io package needs that a {@code .vsm} model does not hold.
 *
 * @param authors names of the people who trained the model (the spec requires at least one)
 * @param license SPDX identifier of the weights' license, e.g. {@code CC-BY-4.0}
 * @param overwrite whether existing packages may be replaced
 */
public record BmzOptions(List<String> authors, String license, boolean overwrite) {

    public BmzOptions {
        authors = List.copyOf(authors);
        if (authors.isEmpty() || authors.stream().anyMatch(a -> a.isBlank())) {
            throw new IllegalArgumentException("a model package needs at least one non-empty author name");
        }
        if (license == null || !license.matches("[A-Za-z0-9.+-]+")) {
            throw new IllegalArgumentException("license must be an SPDX identifier such as CC-BY-4.0 or MIT, was '"
                    + license + "'");
        }
    }
}
