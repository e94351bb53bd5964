package dev.plugboard.registry.adapter;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the repositories, ordered by namespace then name
 * @param nextCursor opaque; pass it back to continue, null on the last page
 */
public record AdapterPage(List<Adapter> items, String nextCursor) {
}
