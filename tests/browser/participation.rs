//! Browser tests of the participation pages: propose, discuss, support.
