/** The purchases read model: each purchase with its (subscription) status, and the purchase log held on it. */
package dev.coffer.projections.purchases;
