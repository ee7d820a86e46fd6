/** The inventory read model: the item instances each player holds. */
package dev.coffer.projections.inventory;
