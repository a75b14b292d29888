#include "render/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/file_io.h"

namespace sv {

Status writePng(const Image& image, const std::filesystem::path& path) {
  if (image.width <= 0 || image.height <= 0) return Error{path.string() + ": empty image"};
  std::string bytes;
  auto sink = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                           static_cast<std::size_t>(size));
  };
  // Screenshots are written on the interactive path (and end every headless run): a low
  // deflate effort writes a 1280×720 frame several times faster for a somewhat larger file.
  stbi_write_png_compression_level = 2;
  if (!stbi_write_png_to_func(sink, &bytes, image.width, image.height, 4, image.rgba.data(),
                              image.width * 4)) {
    return Error{path.string() + ": PNG encoding failed"};
  }
  Status st = writeFileAtomic(path, bytes);
  if (!st) return Error{"cannot write screenshot: " + st.error().message};
  return {};
}

Result<Image> readPng(const std::filesystem::path& path) {
  auto bytes = readFile(path);
  if (!bytes) return bytes.error();
  int w = 0, h = 0, n = 0;
  unsigned char* data = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes->data()),
                                              static_cast<int>(bytes->size()), &w, &h, &n, 4);
  if (data == nullptr) return Error{path.string() + ": not a PNG: " + stbi_failure_reason()};
  Image img;
  img.width = w;
  img.height = h;
  img.rgba.assign(data, data + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4u);
  stbi_image_free(data);
  return img;
}

}  // namespace sv
