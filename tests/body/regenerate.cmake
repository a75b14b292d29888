# Runs make_body on ../shared/makehuman into OUTPUT and compares it with EXPECTED byte for byte.
# Without the MakeHuman data (users' checkouts) it prints "skipped: …" (the test's
# SKIP_REGULAR_EXPRESSION).
if(NOT EXISTS "${MAKEHUMAN}/base.obj")
  message("skipped: ${MAKEHUMAN} is not here (the body is converted from ../shared/makehuman)")
  return()
endif()
execute_process(COMMAND ${GENERATOR} ${MAKEHUMAN} ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "make_body failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUTPUT} ${EXPECTED} RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "${OUTPUT} differs from ${EXPECTED}: regenerate with make_body and commit, or fix non-determinism")
endif()
