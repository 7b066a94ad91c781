import { DomainError } from '../../common/errors/domain-error.js';
import { ProjectsService } from '../../projects/projects.service.js';
import { UsersService } from '../../users/users.service.js';
import { type AppCliCommand, str } from '../cli-command.js';
import { validateDto } from '../validate-dto.js';
import { CreateProjectDto } from '../../projects/dto/project.dto.js';

export const projectCreate: AppCliCommand = {
  kind: 'app',
  name: 'project:create',
  messages: 'projectCreate',
  options: {
    slug: { type: 'string' },
    title: { type: 'string' },
    source: { type: 'string' },
    targets: { type: 'string' },
    owner: { type: 'string' },
  },
  required: ['slug', 'title', 'source', 'owner'],
  async run(app, values, { t }) {
    const ownerEmail = str(values, 'owner')!;
    const owner = await app.get(UsersService).findByEmail(ownerEmail);
    if (!owner) throw new DomainError('USER_NOT_FOUND', { user: ownerEmail });
    const dto = await validateDto(CreateProjectDto, {
      slug: str(values, 'slug'),
      title: str(values, 'title'),
      sourceLanguage: str(values, 'source'),
      targetLanguages: (str(values, 'targets') ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    });
    const project = await app.get(ProjectsService).create({ ...owner, via: 'api-token' }, dto);
    return {
      data: project,
      text: [
        t('commands.projectCreate.created', { title: project.title, slug: project.slug, id: project.id }),
        t('commands.projectCreate.languages', {
          source: project.sourceLanguage,
          targets: project.targetLanguages.join(', ') || t('commands.projectCreate.noTargets'),
          owner: owner.email,
        }),
      ],
    };
  },
};
