import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DocumentSummary } from '#libs/contracts';
import { CurrentProject, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { DocumentsService } from './documents.service.js';
import { CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto.js';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('projects/:projectId/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @RequirePermission('project.read')
  list(@CurrentProject() access: ProjectAccess): Promise<DocumentSummary[]> {
    return this.documents.list(access);
  }

  @Post()
  @RequirePermission('structure.edit')
  create(@CurrentProject() access: ProjectAccess, @Body() dto: CreateDocumentDto): Promise<DocumentSummary> {
    return this.documents.create(access, dto);
  }

  @Get(':documentId')
  @RequirePermission('project.read')
  get(@CurrentProject() access: ProjectAccess, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<DocumentSummary> {
    return this.documents.get(access, documentId);
  }

  @Patch(':documentId')
  @RequirePermission('structure.edit')
  update(
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() dto: UpdateDocumentDto,
  ): Promise<DocumentSummary> {
    return this.documents.update(access, documentId, dto);
  }

  @Delete(':documentId')
  @RequirePermission('structure.edit')
  @HttpCode(204)
  remove(@CurrentProject() access: ProjectAccess, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<void> {
    return this.documents.remove(access, documentId);
  }
}
