// The one place that includes the OpenGL loader. Only files in src/render include this.
#pragma once

#include <glad/gl.h>
