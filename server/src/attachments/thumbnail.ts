import sharp from 'sharp';

/** The longest side of a thumbnail: enough for a grid cell on a high-density screen, small to send. */
export const thumbnailMaxSidePixels = 320;

/**
 * Guards against decompression bombs: a 15 MB JPEG can declare gigapixels. 100 megapixels covers every
 * phone and survey camera in use.
 */
const maxInputPixels = 100_000_000;

/**
 * A JPEG thumbnail of a photo, turned upright by its EXIF orientation (phones store portrait shots sideways
 * and set the flag), transparency flattened onto white. Throws when the bytes are not a decodable image.
 */
export async function writeThumbnail(sourcePath: string, targetPath: string): Promise<void> {
  await sharp(sourcePath, { limitInputPixels: maxInputPixels, failOn: 'error' })
    .rotate()
    .resize(thumbnailMaxSidePixels, thumbnailMaxSidePixels, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 78, mozjpeg: true })
    .toFile(targetPath);
}
