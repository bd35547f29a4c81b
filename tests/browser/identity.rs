//! Browser tests of the identity pages: tokens, administration, deletion.
