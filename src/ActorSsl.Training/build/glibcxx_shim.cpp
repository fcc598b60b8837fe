// Supplies std::ios_base_library_init() for libstdc++ older than GCC 13 (GLIBCXX_3.4.32).
//
// GCC 13's <iostream> no longer constructs a static ios_base::Init in every translation unit; it
// references this symbol instead so that the (newer) libstdc++ initialises cout/cin once. Binaries
// built that way, such as TorchSharp's libLibTorchSharp.so, fail to load on Debian 12. The build
// patches such a binary to take the symbol from this library; because this file is compiled by the
// older g++, including <iostream> here restores the old per-library stream initialisation.
#include <iostream>

namespace std
{
    __attribute__((visibility("default"))) void ios_base_library_init() {}
}
