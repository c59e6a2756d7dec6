import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../src/main/features/summarize/extract/detectFormat.ts'
import { fixture } from '../fixtures/documents/fixtures.ts'

const text = (value: string) => new TextEncoder().encode(value)
const formatOf = async (bytes: Uint8Array, name: string) => (await detectFormat(bytes, name)).format

describe('detectFormat', () => {
  it.each([
    ['report.pdf', 'pdf'],
    ['report.docx', 'docx'],
    ['report.odt', 'odt'],
    ['report.rtf', 'rtf'],
    ['book.epub', 'epub'],
    ['report-epub2.epub', 'epub'],
  ])('knows %s by its signature, whatever it is called', async (name, format) => {
    expect(await formatOf(fixture(name), name)).toBe(format)
    expect(await formatOf(fixture(name), 'download.bin')).toBe(format)
  })

  it('names what a disguised file really is and what its name promised', async () => {
    await expect(detectFormat(fixture('photo.pdf'), 'holiday.pdf')).rejects.toMatchObject({
      code: 'FILE_UNSUPPORTED',
      message: 'holiday.pdf is a PNG image, not a PDF.',
    })
    await expect(detectFormat(fixture('archive.docx'), 'minutes.docx')).rejects.toMatchObject({
      message: 'minutes.docx is a ZIP archive, not a Word document.',
    })
    await expect(detectFormat(fixture('photo.pdf'), 'photo')).rejects.toMatchObject({
      message: "photo is a PNG image, which Instruct Desk can't summarize.",
    })
  })

  it('reads HTML by its markup, even under another name', async () => {
    expect(await formatOf(text('<!DOCTYPE html><html><body><p>Hi</p></body></html>'), 'saved.txt')).toBe('html')
    expect(await formatOf(text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'), 'page')).toBe('html')
    expect(await formatOf(text('<div><p>A fragment</p></div>'), 'fragment.htm')).toBe('html')
    expect(await formatOf(text('Use <p> for paragraphs.'), 'notes.txt')).toBe('text')
  })

  it('lets the name choose among text formats, and recognizes JSON and scripts by content', async () => {
    expect(await formatOf(text('# Title\n\nBody'), 'notes.md')).toBe('markdown')
    expect(await formatOf(text('a,b\n1,2\n'), 'table.csv')).toBe('csv')
    expect(await formatOf(text('a\tb\n1\t2\n'), 'table.tsv')).toBe('csv')
    expect(await formatOf(text('{"a": 1}'), 'data.json')).toBe('json')
    expect(await formatOf(text('[1, 2, 3]\n'), 'export')).toBe('json')
    expect(await formatOf(text('const a = 1\n'), 'main.ts')).toBe('code')
    expect(await formatOf(text('#!/bin/sh\necho hi\n'), 'deploy')).toBe('code')
    expect(await formatOf(text('Just words.'), 'readme')).toBe('text')
    expect(await formatOf(text('# Title'), 'notes.txt')).toBe('text')
  })

  it('refuses binary data it does not know, but not UTF-16 text with its zero bytes', async () => {
    const binary = new Uint8Array([1, 0, 2, 0, 0, 0, 7, 200, 13, 0, 0, 9, 255, 0, 0, 0, 66, 0, 0, 1])
    await expect(detectFormat(binary, 'data.txt')).rejects.toMatchObject({ code: 'FILE_UNSUPPORTED' })
    expect(await formatOf(new Uint8Array(Buffer.from('Plain words in UTF-16 without a mark.', 'utf16le')), 'notes.txt')).toBe('text')
  })

  it('finds an empty file empty before anything else', async () => {
    await expect(detectFormat(new Uint8Array(0), 'nothing.pdf')).rejects.toMatchObject({
      code: 'FILE_EMPTY',
      message: 'nothing.pdf has no text in it.',
    })
  })
})
