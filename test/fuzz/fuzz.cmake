# libFuzzer target for FullTcpHeader's parser (test/fuzz/fulltcp-header-fuzzer.cc).
# FullTcp itself builds with the default compiler; the fuzzer needs clang, so it is compiled
# here with clang++ directly from the parser's sources (scripts/install-deps.sh installs clang).
# Without clang it is left out, and CTest says so in the test list (fuzz.header-parser is then
# absent); in CI (CI=true) nothing may be left out: there a missing clang stops the configure.
find_program(FULLTCP_CLANGXX NAMES clang++ clang++-14)
if(NOT FULLTCP_CLANGXX)
  if("$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR "clang++ not found and CI=true: the fuzzer may not be skipped in CI "
                        "(apt-get install clang, or scripts/install-deps.sh)")
  endif()
  message(STATUS "clang++ not found: the libFuzzer target for the header parser is not built")
  return()
endif()

set(fuzzer ${CMAKE_CURRENT_BINARY_DIR}/fulltcp-header-fuzzer)
set(fuzz_sources ${CMAKE_CURRENT_LIST_DIR}/fulltcp-header-fuzzer.cc
                 ${PROJECT_SOURCE_DIR}/model/wire/fulltcp-header.cc
                 ${PROJECT_SOURCE_DIR}/model/wire/fulltcp-options.cc
                 ${PROJECT_SOURCE_DIR}/model/wire/fulltcp-fast-open-option.cc)
get_target_property(ns3_core_lib ns3::libcore IMPORTED_LOCATION_RELEASE)
get_target_property(ns3_network_lib ns3::libnetwork IMPORTED_LOCATION_RELEASE)
add_custom_command(
  OUTPUT ${fuzzer}
  COMMAND ${FULLTCP_CLANGXX} -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined
          -DNS3_LOG_ENABLE -DFULLTCP_NS3_VERSION_MAJOR=${FULLTCP_NS3_VERSION_MAJOR}
          -DFULLTCP_NS3_VERSION_MINOR=${FULLTCP_NS3_VERSION_MINOR} -I${FULLTCP_WIRE_INCLUDE_DIR} -I/usr/include ${fuzz_sources}
          ${ns3_network_lib} ${ns3_core_lib} -o ${fuzzer}
  DEPENDS ${fuzz_sources} ${PROJECT_SOURCE_DIR}/model/wire/fulltcp-header.h
          ${PROJECT_SOURCE_DIR}/model/wire/fulltcp-options.h
  COMMENT "Building the libFuzzer target for the header parser with clang++")
add_custom_target(fuzz-header-parser ALL DEPENDS ${fuzzer})

# A short, seeded run as a test; run it longer by hand (README, "Fuzzing the parser").
add_test(NAME fuzz.header-parser COMMAND ${fuzzer} -seed=1 -runs=200000 -max_len=128)
